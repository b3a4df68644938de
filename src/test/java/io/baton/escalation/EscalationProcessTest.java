package io.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadStatus;
import io.baton.ownership.TeamDirectory;
import io.baton.testing.ProcessTestSupport;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EscalationProcessTest extends ProcessTestSupport {

    @Autowired
    private TeamDirectory directory;

    private static final String REVIEW = EscalationProcess.TASK_REVIEW;

    @Test
    void reminderAtHalfTheSlaNotifiesTheOwnerAndLeavesTheWorkWithThem() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        assertThat(timer(leadId, "timer_qualificationReminder").getDuedate().toInstant())
                .isCloseTo(now().plus(Duration.ofHours(1)), Assertions.within(5, ChronoUnit.SECONDS));
        fireTimer(leadId, "timer_qualificationReminder");
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(sdr);
        assertThat(activity(leadId, "REMINDER")).containsExactly(sdr);
        assertThat(timer(leadId, "timer_qualificationReminder")).as("one reminder per stage").isNull();
    }

    @Test
    void untouchedLeadEscalatesToTheOwnersManagerAndStaysVisible() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        var qualify = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD);
        assertThat(qualify.getDueDate().toInstant()).as("Tasklist shows the task overdue when the SLA breaches")
                .isCloseTo(timer(leadId, "timer_qualificationBreach").getDuedate().toInstant(),
                        Assertions.within(1, ChronoUnit.SECONDS));
        breach(leadId);
        assertThat(task(leadId, REVIEW)).isAssignedTo("morgan");
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(sdr);
        assertThat(lead(leadId).getOwner()).isEqualTo(sdr);
        assertThat(escalations(leadId)).containsExactly("1:morgan:" + sdr);
        assertThat(activity(leadId, "ESCALATION")).containsExactly("morgan");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void undecidedEscalationClimbsTheChainToTheSteward() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        breach(leadId);
        fireTimer(leadId, "timer_reviewSla");
        assertThat(task(leadId, REVIEW)).as("morgan's manager, the diagrams' steward").isAssignedTo("hana");
        fireTimer(leadId, "timer_reviewSla");
        assertThat(task(leadId, REVIEW)).as("the top of the chain is the process steward, a named member").isAssignedTo("hana");
        assertThat(escalations(leadId)).containsExactly("1:morgan:" + sdr, "2:hana:" + sdr);
    }

    @Test
    void anEscalationPassesOverAManagerWhoIsAwayToTheNextOneUpTheChain() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        jdbc.update("update baton_team_member set available = false where user_id = 'morgan'");
        try {
            breach(leadId);
            assertThat(task(leadId, REVIEW)).isAssignedTo("hana");
            assertThat(escalations(leadId)).containsExactly("1:hana:" + sdr);
        } finally {
            jdbc.update("update baton_team_member set available = true where user_id = 'morgan'");
        }
    }

    @Test
    void managerReassignsTheLapsedWorkAndItsOwnership() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        String other = sdr.equals("sam") ? "sofia" : "sam";
        breach(leadId);
        complete(leadId, REVIEW, Map.of("decision", "reassign", "newOwner", other));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(other);
        assertThat(lead(leadId).getOwner()).isEqualTo(other);
        assertThat(ledger(leadId)).extracting(p -> p.get("reason")).containsExactly("ROUTED", "ESCALATION_REASSIGN");
        assertThat(jdbc.queryForObject("select decision from baton_escalation where lead_id = ?", String.class, leadId)).isEqualTo("reassign");
        assertOwnershipInvariant(leadId);

        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        assertThat(task(leadId, HandoffProcess.TASK_PREPARE)).as("later work follows the new owner").isAssignedTo(other);
    }

    @Test
    void reassignmentToAnUnknownPersonIsSentBackToTheManager() {
        String leadId = captureReadyLead();
        breach(leadId);
        complete(leadId, REVIEW, Map.of("decision", "reassign", "newOwner", "ghost"));
        assertThat(task(leadId, REVIEW)).isAssignedTo("morgan");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void managerKeepsTheOwnerWithANewDeadlineThatEscalatesAgainWhenMissed() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        breach(leadId);
        complete(leadId, REVIEW, Map.of("decision", "keep", "extendBy", "P1D"));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant())
                .isCloseTo(now().plus(Duration.ofDays(1)), within(5, ChronoUnit.SECONDS));
        assertThat(timer(leadId, "timer_rearmedReminder").getDuedate().toInstant()).isCloseTo(now().plus(Duration.ofHours(12)), within(5, ChronoUnit.SECONDS));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(REVIEW).count()).isZero();
        fireTimer(leadId, "timer_rearmedReminder");
        assertThat(activity(leadId, "REMINDER")).as("the reminder of the new deadline").endsWith(sdr);
        assertThat(timer(leadId, "timer_rearmedBreach").getDuedate()).isEqualTo(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate());
        fireTimer(leadId, "timer_rearmedBreach");
        assertThat(task(leadId, REVIEW)).isAssignedTo("morgan");
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(sdr);
        assertThat(escalations(leadId)).as("a second breach round").hasSize(2);
    }

    @Test
    void keepingWithoutExtensionReArmsTheSlasOwnDurationSoKeepNeverMeansNeverEscalateAgain() {
        String leadId = captureReadyLead();
        breach(leadId);
        complete(leadId, REVIEW, Map.of("decision", "keep"));
        assertThat(openTasks(leadId)).extracting(t -> t.getTaskDefinitionKey()).containsExactly(LeadLifecycle.TASK_QUALIFY_LEAD);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant())
                .as("first-touch again, from the decision").isCloseTo(now().plus(Duration.ofHours(2)), within(5, ChronoUnit.SECONDS));
        assertThat(timer(leadId, "timer_rearmedReminder")).isNotNull();
        fireTimer(leadId, "timer_rearmedReminder");
        fireTimer(leadId, "timer_rearmedBreach");
        assertThat(task(leadId, REVIEW)).isAssignedTo("morgan");
    }

    @Test
    void reassignedWorkArrivesWithAFreshSlaForTheNewOwnerAndEscalatesToTheirManager() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        String other = sdr.equals("sam") ? "sofia" : "sam";
        breach(leadId);
        moveClock(Duration.ofMinutes(30));
        complete(leadId, REVIEW, Map.of("decision", "reassign", "newOwner", other));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(other);
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant())
                .as("due in the future, not 'due 2 minutes ago'").isCloseTo(now().plus(Duration.ofHours(2)), within(5, ChronoUnit.SECONDS));
        fireTimer(leadId, "timer_rearmedReminder");
        assertThat(activity(leadId, "REMINDER")).endsWith(other);
        fireTimer(leadId, "timer_rearmedBreach");
        assertThat(task(leadId, REVIEW)).isAssignedTo("morgan");
        assertThat(escalations(leadId)).last().asString().endsWith(":" + other);
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(REVIEW).count())
                .as("finishing the work ends its escalation").isZero();
        assertThat(timer(leadId, "timer_rearmedBreach")).as("its re-armed deadline is gone with it").isNull();
    }

    @Test
    void managerDisqualifiesTheLead() {
        String leadId = captureReadyLead();
        breach(leadId);
        complete(leadId, REVIEW, Map.of("decision", "disqualify"));
        assertThat(openTasks(leadId)).isEmpty();
        assertThat(jobsOfLead(leadId)).isZero();
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.DISQUALIFIED);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void finishingTheWorkCancelsItsPendingEscalation() {
        String leadId = captureReadyLead();
        breach(leadId);
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        assertThat(openTasks(leadId)).extracting(t -> t.getTaskDefinitionKey()).containsExactly(HandoffProcess.TASK_PREPARE);
    }

    @Test
    void unacceptedHandoffEscalatesToTheReceiversManagerWhileTheSenderStaysOwner() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        String receiver = task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee();
        fireTimer(leadId, "timer_acceptBreach");
        assertThat(task(leadId, REVIEW)).isAssignedTo("morgan");
        assertThat(escalations(leadId)).containsExactly("1:morgan:" + receiver);
        assertThat(lead(leadId).getOwner()).isEqualTo(sdr);
        String other = receiver.equals("alex") ? "ava" : "alex";
        complete(leadId, REVIEW, Map.of("decision", "reassign", "newOwner", other));
        assertThat(task(leadId, HandoffProcess.TASK_ACCEPT)).isAssignedTo(other);
        assertThat(lead(leadId).getOwner()).as("a new receiver is not yet the owner").isEqualTo(sdr);
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        assertThat(lead(leadId).getOwner()).isEqualTo(other);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void unsubscribingCancelsEveryTimerSoNoReminderFiresAfterwards() {
        String leadId = captureReadyLead();
        breach(leadId);
        assertThat(jobsOfLead(leadId)).isPositive();
        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_UNSUBSCRIBED).processInstanceBusinessKey(leadId).correlate();
        assertThat(jobsOfLead(leadId)).isZero();
        assertThat(openTasks(leadId)).isEmpty();
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.UNSUBSCRIBED);
    }

    private void breach(String leadId) {
        fireTimer(leadId, "timer_qualificationBreach");
    }

    private List<String> escalations(String leadId) {
        return jdbc.queryForList("select level || ':' || reviewer || ':' || lapsed_by from baton_escalation where lead_id = ? order by level",
                String.class, leadId);
    }

    private List<String> activity(String leadId, String kind) {
        return jdbc.queryForList("select recipient from baton_activity where lead_id = ? and kind = ? order by id", String.class, leadId, kind);
    }

    @Test
    void workDoneWhileItsReviewIsOpenClosesTheEscalationSoItNamesNobodyForGood() {
        String leadId = captureReadyLead();
        fireTimer(leadId, "timer_qualificationBreach");
        assertThat(jdbc.queryForList("select reviewer from baton_escalation where lead_id = ? and decided_at is null", String.class, leadId))
                .containsExactly("morgan");
        complete(leadId, io.baton.lead.LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        assertThat(jdbc.queryForList("select decision from baton_escalation where lead_id = ?", String.class, leadId))
                .containsExactly(EscalationLadder.OVERTAKEN);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(REVIEW).count()).isZero();
    }


    @Test
    void theReviewNamesTheLapseAndOffersTheLapsedPersonsTeamMatesByName() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        String other = sdr.equals("sam") ? "sofia" : "sam";
        var due = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant();
        breach(leadId);
        String review = task(leadId, REVIEW).getId();
        assertThat(String.valueOf(taskService.getVariableLocal(review, EscalationReview.VAR_ELIGIBLE_OWNERS)))
                .as("the other SDR who can take work, by name; not the one who let it lapse, nor an AE")
                .isEqualTo("[{\"label\":\"" + name(other) + "\",\"value\":\"" + other + "\"}]");
        String escalation = String.valueOf(taskService.getVariableLocal(review, EscalationReview.VAR_ESCALATION));
        assertThat(escalation).contains("\"task\":\"Qualify lead\"").contains("\"lapsedById\":\"" + sdr + "\"")
                .contains("\"lapsedBy\":\"" + name(sdr) + "\"")
                .contains("\"level\":1");
        java.time.Instant lapsedAt = java.time.Instant.parse(escalation.replaceAll(".*\"lapsedAt\":\"([^\"]+)\".*", "$1"));
        assertThat(lapsedAt).as("when the work lapsed: its deadline, or the breach if that came first").isBeforeOrEqualTo(due);

        // Nobody of the team can take work: the people of the reviewer's line who can.
        jdbc.update("update baton_team_member set available = false where user_id = ?", other);
        try {
            fireTimer(leadId, "timer_reviewSla");
            String climbed = task(leadId, REVIEW).getId();
            assertThat(String.valueOf(taskService.getVariableLocal(climbed, EscalationReview.VAR_ELIGIBLE_OWNERS)))
                    .as("hana's line, without the absent SDR and the one who let it lapse").contains("\"value\":\"alex\"")
                    .contains("\"value\":\"morgan\"").doesNotContain("\"value\":\"" + other + "\"").doesNotContain("\"value\":\"" + sdr + "\"");
        } finally {
            jdbc.update("update baton_team_member set available = true where user_id = ?", other);
        }
    }

    @Test
    void anOpenReviewOffersWhoCanTakeWorkNowWhenSomeoneComesBackOrGoesAway() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        String other = sdr.equals("sam") ? "sofia" : "sam";
        directory.setAvailable(other, false);
        try {
            breach(leadId);
            String review = task(leadId, REVIEW).getId();
            assertThat(String.valueOf(taskService.getVariableLocal(review, EscalationReview.VAR_ELIGIBLE_OWNERS)))
                    .as("nobody of the team is there: the reviewer's line").doesNotContain("\"value\":\"" + other + "\"");

            directory.setAvailable(other, true);
            assertThat(String.valueOf(taskService.getVariableLocal(review, EscalationReview.VAR_ELIGIBLE_OWNERS)))
                    .as("the team mate who came back, in the transaction that brought them back")
                    .isEqualTo("[{\"label\":\"" + name(other) + "\",\"value\":\"" + other + "\"}]");
            complete(leadId, REVIEW, Map.of("decision", "reassign", "newOwner", other));
            assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getAssignee()).isEqualTo(other);
        } finally {
            directory.setAvailable(other, true);
        }
    }

    @Test
    void anOpenReviewStopsOfferingSomeoneWhoWentAway() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        String other = sdr.equals("sam") ? "sofia" : "sam";
        breach(leadId);
        String review = task(leadId, REVIEW).getId();
        try {
            directory.setAvailable(other, false);
            assertThat(String.valueOf(taskService.getVariableLocal(review, EscalationReview.VAR_ELIGIBLE_OWNERS)))
                    .contains("\"value\":\"alex\"").doesNotContain("\"value\":\"" + other + "\"");
        } finally {
            directory.setAvailable(other, true);
        }
    }

    @Test
    void aReviewerChoosingFromTheOfferedExtensionsGetsThatDeadline() {
        String leadId = captureReadyLead();
        breach(leadId);
        complete(leadId, REVIEW, Map.of("decision", "keep", "extendBy", "P1W"));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getDueDate().toInstant())
                .isCloseTo(now().plus(Duration.ofDays(7)), within(5, ChronoUnit.SECONDS));
    }

    private String name(String userId) {
        return jdbc.queryForObject("select FIRST_ || ' ' || LAST_ from ACT_ID_USER where ID_ = ?", String.class, userId);
    }
}
