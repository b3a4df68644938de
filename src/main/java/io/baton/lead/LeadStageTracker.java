package io.baton.lead;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * A lead's stage is the key of the work currently in front of it ({@code qualifyLead},
 * {@code acceptHandoff}, …); escalations and disputes are about a stage, not stages themselves.
 * Written through JPA so it joins the entity state of the same transaction.
 */
@Component
public class LeadStageTracker implements TaskListener {

    private static final Set<String> NOT_STAGES = Set.of("reviewEscalation", "resolveHandoff");

    private final LeadRepository leads;

    LeadStageTracker(LeadRepository leads) {
        this.leads = leads;
    }

    @Override
    public void notify(DelegateTask task) {
        if (NOT_STAGES.contains(task.getTaskDefinitionKey()) || task.getExecution() == null) {
            return;
        }
        String leadId = task.getExecution().getProcessBusinessKey();
        if (leadId != null) {
            leads.findById(leadId).filter(Lead::isOpen).ifPresent(lead -> lead.setStage(task.getTaskDefinitionKey()));
        }
    }
}
