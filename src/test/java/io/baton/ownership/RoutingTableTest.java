package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every rule of the packaged routing table, hit by a lead it is meant for (no engine, no Spring: the DMN alone). */
class RoutingTableTest {

    private static final List<String> MATCHED = new ArrayList<>();
    private static DmnEngine dmn;
    private static DmnDecision routing;

    @BeforeAll
    static void parse() throws Exception {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(event -> event.getMatchingRules()
                .forEach(rule -> MATCHED.add(rule.getId()))));
        dmn = configuration.buildEngine();
        try (InputStream table = RoutingTableTest.class.getResourceAsStream("/lead-routing.dmn")) {
            routing = dmn.parseDecision("lead-routing", table);
        }
    }

    @Test
    void companiesOfAThousandOrMoreGoToEnterpriseSalesDevelopment() {
        assertThat(route("DE", 2300, "referral")).isEqualTo("sdr-enterprise");
        assertThat(route(null, 1000, "web")).isEqualTo("sdr-enterprise");
    }

    @Test
    void emeaAndAmericasGoToSalesDevelopment() {
        assertThat(route("DE", 999, "web")).isEqualTo("sdr");
        assertThat(route("US", 120, "event")).isEqualTo("sdr");
    }

    @Test
    void everythingElseFallsBackToSalesDevelopment() {
        assertThat(route("JP", 50, "web")).isEqualTo("sdr");
        assertThat(route(null, null, "web")).isEqualTo("sdr");
    }

    @Test
    void eachLeadMatchesTheRuleMeantForIt() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("rule_enterprise", route("DE", 2300, "referral"));
        expected.put("rule_emea", route("FR", 120, "web"));
        expected.put("rule_americas", route("BR", 120, "web"));
        expected.put("rule_fallback", route("JP", 50, "web"));
        assertThat(MATCHED.subList(MATCHED.size() - 4, MATCHED.size())).as("first matching rule per lead")
                .containsExactly("rule_enterprise", "rule_emea", "rule_americas", "rule_fallback");
        assertThat(expected.values()).containsExactly("sdr-enterprise", "sdr", "sdr", "sdr");
    }

    private static String route(String country, Integer employees, String source) {
        DmnDecisionResult result = dmn.evaluateDecision(routing, lead(country, employees, source));
        return result.getSingleEntry();
    }

    private static Map<String, Object> lead(String country, Integer employees, String source) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("country", country);
        variables.put("employees", employees);
        variables.put("source", source);
        return variables;
    }
}
