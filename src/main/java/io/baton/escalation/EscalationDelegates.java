package io.baton.escalation;

import io.baton.notification.Notifications;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The named verbs the escalation parts of the diagrams call, each one line into a service. */
@Configuration
class EscalationDelegates {

    @Bean
    JavaDelegate openEscalation(EscalationLadder ladder) {
        return ladder::open;
    }

    @Bean
    JavaDelegate climbEscalation(EscalationLadder ladder) {
        return ladder::climb;
    }

    @Bean
    JavaDelegate reassignEscalatedWork(EscalationLadder ladder) {
        return ladder::reassign;
    }

    @Bean
    JavaDelegate extendDeadline(EscalationLadder ladder) {
        return ladder::extend;
    }

    @Bean
    TaskListener recordEscalationDecision(EscalationLadder ladder) {
        return ladder::decided;
    }

    /** Reminder at a fraction of the SLA: tells the assignee, leaves the work where it is. */
    @Bean
    JavaDelegate remindAssignee(TaskService taskService, Notifications notifications) {
        return execution -> {
            String leadId = execution.getProcessBusinessKey();
            String taskKey = (String) execution.getVariableLocal("remindedTask");
            taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(taskKey)
                    .listPage(0, 10).forEach(task -> notifications.send(leadId, task.getAssignee(), "REMINDER",
                            "Reminder: '" + task.getName() + "' of lead " + leadId + " is due " + task.getDueDate()));
        };
    }
}
