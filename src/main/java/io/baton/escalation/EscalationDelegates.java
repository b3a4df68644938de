package io.baton.escalation;

import io.baton.notification.NotificationKind;
import io.baton.notification.Notifications;
import org.camunda.bpm.engine.delegate.ExecutionListener;
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
    JavaDelegate rearmSla(EscalationLadder ladder) {
        return ladder::rearm;
    }

    @Bean
    JavaDelegate remindEscalatedAssignee(EscalationLadder ladder) {
        return ladder::remind;
    }

    @Bean
    TaskListener recordEscalationDecision(EscalationLadder ladder) {
        return ladder::decided;
    }

    @Bean
    ExecutionListener closeEscalation(EscalationLadder ladder) {
        return ladder::ended;
    }

    @Bean
    TaskListener recordEscalationReviewer(EscalationLadder ladder) {
        return ladder::reviewerChanged;
    }

    @Bean
    TaskListener describeEscalation(EscalationReview review) {
        return review::describe;
    }

    /** Reminder at a fraction of the SLA: tells the assignee, leaves the work where it is. */
    @Bean
    JavaDelegate remindAssignee(WaitingWork waiting, Notifications notifications) {
        return execution -> {
            String leadId = execution.getProcessBusinessKey();
            String taskKey = (String) execution.getVariableLocal("remindedTask");
            waiting.in(execution.getProcessInstanceId(), taskKey).forEach(task -> notifications.send(leadId, task.assignee(), NotificationKind.REMINDER,
                    "Reminder: '" + task.name() + "' of lead " + leadId + " is due " + task.due()));
        };
    }
}
