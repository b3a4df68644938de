package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.ProcessTestSupport;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * Deadlines, not durations: a step's breach timer, reminder and due date come from one deadline
 * computed when the work first arrives, so work that comes back keeps counting and a manager's
 * extension survives the work coming back.
 */
class DeadlineProcessTest extends ProcessTestSupport {

    @Test
    void theBreachTimerFiresAtTheDueDateTasklistShowsAndTheReminderBeforeIt() {
        String leadId = captureReadyLead();
        Task qualify = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD);
        assertThat(qualify.getDueDate()).isAfter(Date.from(now()));
        assertThat(timer(leadId, "timer_qualificationBreach").getDuedate()).isEqualTo(qualify.getDueDate());
        assertThat(timer(leadId, "timer_qualificationReminder").getDuedate()).isAfter(Date.from(now())).isBefore(qualify.getDueDate());
    }

    @Test
    void anIncompleteChecklistReturnsToTheSenderWithTheDeadlineOfFirstArrival() {
        String leadId = qualifiedLead();
        Date firstDue = task(leadId, HandoffProcess.TASK_PREPARE).getDueDate();
        moveClock(Duration.ofHours(30));
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(false));
        Task returned = task(leadId, HandoffProcess.TASK_PREPARE);
        assertThat(returned.getDueDate()).as("the stage keeps counting from first arrival").isEqualTo(firstDue);
        assertThat(timer(leadId, "timer_prepareBreach").getDuedate()).as("pending breach at the same deadline").isEqualTo(firstDue);
    }

    @Test
    void aManagersExtensionSurvivesTheWorkComingBack() {
        String leadId = qualifiedLead();
        fireTimer(leadId, "timer_prepareBreach");
        complete(leadId, EscalationProcess.TASK_REVIEW, Map.of("decision", "keep", "extendBy", "P1D", "decisionNote", "Book the meeting first"));
        Task kept = task(leadId, HandoffProcess.TASK_PREPARE);
        Date extended = kept.getDueDate();
        assertThat(extended).isAfter(Date.from(now()));
        assertThat(taskService.getVariableLocal(kept.getId(), EscalationProcess.VAR_MANAGER_NOTE)).as("the note travels").isEqualTo("Book the meeting first");

        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(false));
        Task returned = task(leadId, HandoffProcess.TASK_PREPARE);
        assertThat(returned.getDueDate()).isEqualTo(extended);
        assertThat(timer(leadId, "timer_prepareBreach").getDuedate()).isEqualTo(extended);
    }

    @Test
    void aChecklistThatPassesTheGateIsNewWorkForTheReceiverEvenAfterARejection() {
        String leadId = qualifiedLead();
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        Date firstAcceptDue = task(leadId, HandoffProcess.TASK_ACCEPT).getDueDate();
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", false, "rejectReason", "No budget named"));
        moveClock(Duration.ofHours(6));
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        Task again = task(leadId, HandoffProcess.TASK_ACCEPT);
        assertThat(again.getDueDate()).as("a fresh acceptance clock").isAfter(firstAcceptDue).isAfter(Date.from(now()));
        assertThat(timer(leadId, "timer_acceptBreach").getDuedate()).isEqualTo(again.getDueDate());
    }

    @Test
    void aClimbedReviewGivesTheNextManagerAFullReviewSla() {
        String leadId = captureReadyLead();
        fireTimer(leadId, "timer_qualificationBreach");
        moveClock(Duration.ofDays(3));
        fireTimer(leadId, "timer_reviewSla");
        Task review = task(leadId, EscalationProcess.TASK_REVIEW);
        assertThat(review).isAssignedTo("hana");
        assertThat(review.getDueDate()).isAfter(Date.from(now()));
        assertThat(timer(leadId, "timer_reviewSla").getDuedate()).isEqualTo(review.getDueDate());
    }

    private String qualifiedLead() {
        String leadId = captureReadyLead();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        return leadId;
    }
}
