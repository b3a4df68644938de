package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of the packaged SLA table, hit by the segment it is meant for, and the segments it leaves to the defaults (the DMN alone). */
class SlaPolicyTableTest {

    private static final List<String> MATCHED = new ArrayList<>();
    private static DmnEngine dmn;
    private static DmnDecision policy;

    @BeforeAll
    static void parse() throws Exception {
        DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(event -> event.getMatchingRules()
                .forEach(rule -> MATCHED.add(rule.getId()))));
        dmn = configuration.buildEngine();
        try (InputStream table = SlaPolicyTableTest.class.getResourceAsStream("/sla-policy.dmn")) {
            policy = dmn.parseDecision(SlaPolicy.DECISION, table);
        }
    }

    @BeforeEach
    void forget() {
        MATCHED.clear();
    }

    @Test
    void aDemoRequestIsTouchedWithinFifteenMinutesWhateverTheCompanySize() {
        assertThat(answer("demo-request", 12)).containsEntry("firstTouch", "PT15M");
        assertThat(answer("demo-request", 12).get("handoffAcceptance")).as("acceptance: the default").isNull();
        assertThat(answer("demo-request", 5000)).containsEntry("firstTouch", "PT15M");
        assertThat(answer("demo-request", null)).containsEntry("firstTouch", "PT15M");
        assertThat(MATCHED).containsOnly("rule_demoRequest");
    }

    @Test
    void aPurchasedListLeadGetsAWorkingDay() {
        assertThat(answer("list", 40)).containsEntry("firstTouch", "P1D");
        assertThat(answer("list", 40).get("handoffAcceptance")).as("acceptance: the default").isNull();
        assertThat(MATCHED).containsOnly("rule_purchasedList");
    }

    @Test
    void everyOtherSegmentMatchesNoRuleSoTheConfiguredDefaultsApply() {
        assertThat(dmn.evaluateDecision(policy, segment("web", 120)).getResultList()).isEmpty();
        assertThat(dmn.evaluateDecision(policy, segment(null, null)).getResultList()).isEmpty();
        assertThat(dmn.evaluateDecision(policy, segment("Demo-Request", 120)).getResultList()).as("sources are exact").isEmpty();
        assertThat(MATCHED).isEmpty();
    }

    @Test
    void everyAnswerIsAPositiveIsoDuration() {
        for (String source : List.of("demo-request", "list")) {
            answer(source, 10).values().stream().filter(v -> v != null).forEach(v -> assertThat(Sla.parse(v)).isPositive());
        }
    }

    private static Map<String, Object> answer(String source, Integer employees) {
        DmnDecisionResult result = dmn.evaluateDecision(policy, segment(source, employees));
        assertThat(result.getResultList()).hasSize(1);
        return result.getFirstResult().getEntryMap();
    }

    private static Map<String, Object> segment(String source, Integer employees) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("source", source);
        variables.put("employees", employees);
        return variables;
    }
}
