package io.baton.system;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Baton's door to the decisions a designer deploys: evaluates the latest version of a decision
 * table, and tells which rule answered, so that a wrong answer can be traced to the row a designer
 * wrote. Camunda hands a decision's result to the diagram without the rule; its DMN engine tells
 * listeners. The last evaluation of each decision on this thread is kept: a caller asks right after
 * the evaluation it made (a business rule task and the service task after it run in one
 * transaction on one thread).
 */
@Component
public class Decisions extends AbstractProcessEnginePlugin implements DmnDecisionTableEvaluationListener {

    /** Incidents of a decision whose answer Baton cannot use: the process's steward gets them. */
    public static final String INCIDENT_TYPE = "decisionAnswer";

    /** The first matching rule's outputs (empty when no rule matched) and which rule that was. */
    public record Evaluation(Map<String, Object> outputs, Match match) {
    }

    /**
     * The rule that answered: {@code ruleId} is null when no rule matched; {@code label} is what the
     * designer calls the rule in Modeler (its label, else its description), when named.
     */
    public record Match(String decisionKey, Integer version, String ruleId, String label) {

        public Match(String decisionKey) {
            this(decisionKey, null, null, null);
        }

        @Override
        public String toString() {
            String decision = "decision '" + decisionKey + "'" + (version == null ? "" : " version " + version);
            return ruleId == null ? "no rule of " + decision : "rule '" + ruleId + "' of " + decision;
        }
    }

    private static final ThreadLocal<Map<String, Match>> LAST = ThreadLocal.withInitial(HashMap::new);

    private ProcessEngineConfigurationImpl engine;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.getCustomPostDecisionTableEvaluationListeners().add(this);
        configuration.setDmnEngineConfiguration(dmn);
    }

    @Override
    public void notify(DmnDecisionTableEvaluationEvent event) {
        DmnDecision decision = event.getDecisionTable();
        Integer version = decision instanceof DecisionDefinition definition ? definition.getVersion() : null;
        String rule = event.getMatchingRules().isEmpty() ? null : event.getMatchingRules().get(0).getId();
        LAST.get().put(decision.getKey(), new Match(decision.getKey(), version, rule, label(decision, rule)));
    }

    private String label(DmnDecision decision, String ruleId) {
        if (ruleId == null || !(decision instanceof DecisionDefinition definition) || definition.getId() == null) {
            return null;
        }
        DmnModelInstance model = engine.getDeploymentCache().findDmnModelInstanceForDecisionDefinition(definition.getId());
        if (model == null || !(model.getModelElementById(ruleId) instanceof Rule rule)) {
            return null;
        }
        if (rule.getLabel() != null && !rule.getLabel().isBlank()) {
            return rule.getLabel().strip();
        }
        return rule.getDescription() == null || rule.getDescription().getTextContent().isBlank()
                ? null : rule.getDescription().getTextContent().strip();
    }

    /**
     * Evaluates the latest deployed version of {@code decisionKey}. Baton's own calculation, not an
     * act of whoever is signed in: without authorization checks, as a business rule task would.
     */
    public Evaluation evaluate(String decisionKey, Map<String, Object> variables) {
        return engine.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(() -> {
            LAST.get().remove(decisionKey);
            DmnDecisionTableResult result = engine.getDecisionService().evaluateDecisionTableByKey(decisionKey)
                    .variables(Variables.fromMap(variables)).evaluate();
            Map<String, Object> outputs = result.isEmpty() ? Map.of() : new HashMap<>(result.getFirstResult().getEntryMap());
            return new Evaluation(outputs, last(decisionKey).orElse(new Match(decisionKey)));
        }));
    }

    /** The last evaluation of {@code decisionKey} on this thread. */
    public Optional<Match> last(String decisionKey) {
        return Optional.ofNullable(LAST.get().get(decisionKey));
    }
}
