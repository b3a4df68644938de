package io.baton.ownership;

import java.util.ArrayList;
import java.util.List;
import io.baton.lead.LeadCard;
import io.baton.system.Decisions;
import io.baton.lead.LeadStageTracker;
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
        handlers.add(new StewardIncidentHandler(Decisions.INCIDENT_TYPE));
        configuration.setCustomIncidentHandlers(handlers);
    }
}
