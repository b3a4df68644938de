package io.baton.lead;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Component;

/**
 * A lead's stage is the key of the work currently in front of it ({@code qualifyLead},
 * {@code acceptHandoff}, …): a user task the diagram marks {@code lead.stage = true}; escalations
 * and disputes are about a stage, not stages themselves.
 * Written through JPA so it joins the entity state of the same transaction.
 */
@Component
public class LeadStageTracker implements TaskListener {

    private final LeadRepository leads;

    LeadStageTracker(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public void notify(DelegateTask task) {
        UserTask element = task.getBpmnModelElementInstance();
        if (!TaskFacts.isTrue(element, TaskFacts.STAGE) || task.getExecution() == null) {
            return;
        }
        String leadId = task.getExecution().getProcessBusinessKey();
        if (leadId != null) {
            leads.findById(leadId).filter(Lead::isOpen).ifPresent(lead -> lead.setStage(task.getTaskDefinitionKey()));
        }
    }
}
