package io.baton.ownership;

import java.util.ArrayList;
import java.util.List;
import io.baton.lead.LeadCard;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadStageTracker;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.context.annotation.Lazy;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.springframework.stereotype.Component;

/**
 * Installs the ownership rules into the engine: the deployment guard, stage tracking, lead cards,
 * steward incidents, and the routing table's matched rule for the routing step.
 */
@Component
class OwnershipEnginePlugin extends AbstractProcessEnginePlugin {

    private final TaskListener stageTracker;
    private final TaskListener leadCard;

    OwnershipEnginePlugin(@Lazy LeadStageTracker stageTracker, @Lazy LeadCard leadCard) {
        this.stageTracker = stageTracker;
        this.leadCard = leadCard;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
        listeners.add(new OwnershipGuard());
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, stageTracker);
                // Every task names its lead (title + lead card); a new assignee sees the current owner.
                definition.addTaskListener(TaskListener.EVENTNAME_CREATE, leadCard);
                definition.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, leadCard);
            }
        });
        configuration.setCustomPreBPMNParseListeners(listeners);

        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new StewardIncidentHandler());
        configuration.setCustomIncidentHandlers(handlers);

        if (configuration.getDmnEngineConfiguration() == null) {
            configuration.setDmnEngineConfiguration(
                    (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
        }
        configuration.getDmnEngineConfiguration().getCustomPostDecisionEvaluationListeners().add(new RoutingRuleRecorder());
    }

    /**
     * Hands the routing table's matched rule (id, and its label or description as the segment) to
     * the routing step as transient variables: the result variable carries only the team, and the
     * decision's history is not written until the command ends. Transient, because the rule is part
     * of the routing decision recorded on the lead, not process data of its own.
     */
    static final class RoutingRuleRecorder implements DmnDecisionEvaluationListener {

        @Override
        public void notify(DmnDecisionEvaluationEvent event) {
            if (!LeadLifecycle.DECISION_ROUTING.equals(event.getDecisionResult().getDecision().getKey())
                    || !(event.getDecisionResult() instanceof DmnDecisionTableEvaluationEvent table)) {
                return;
            }
            BpmnExecutionContext context = Context.getBpmnExecutionContext();
            if (context == null || context.getExecution() == null) {
                return;
            }
            String ruleId = table.getMatchingRules().stream().findFirst().map(DmnEvaluatedDecisionRule::getId).orElse(null);
            context.getExecution().setVariable(LeadLifecycle.VAR_ROUTING_RULE, Variables.stringValue(ruleId, true));
            context.getExecution().setVariable(LeadLifecycle.VAR_ROUTING_SEGMENT,
                    Variables.stringValue(segment(table, ruleId), true));
        }

        private static String segment(DmnDecisionTableEvaluationEvent table, String ruleId) {
            if (ruleId == null || !(table.getDecision() instanceof DecisionDefinition definition) || definition.getId() == null) {
                return null;
            }
            DmnModelInstance model = Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findDmnModelInstanceForDecisionDefinition(definition.getId());
            if (model == null || !(model.getModelElementById(ruleId) instanceof Rule rule)) {
                return null;
            }
            if (rule.getLabel() != null && !rule.getLabel().isBlank()) {
                return rule.getLabel().strip();
            }
            return rule.getDescription() == null ? null : rule.getDescription().getTextContent().strip();
        }
    }
}
