package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.testing.ProcessTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadLifecycleProcessTest extends ProcessTestSupport {

    private static final List<String> SDRS = List.of("sam", "sofia");
    private static final List<String> AES = List.of("alex", "ava");
    private static final List<String> DELIVERY = List.of("dana", "devon");

    @Test
    void qualifiedLeadIsHandedOffWonAndOnboarded() {
        String leadId = captureReadyLead();
        var instance = lifecycle(leadId);
        assertThat(instance).isWaitingAt(LeadLifecycle.TASK_QUALIFY_LEAD);
        String sdr = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getAssignee();
        assertThat(SDRS).contains(sdr);
        assertThat(lead(leadId).getOwner()).isEqualTo(sdr);
        assertOwnershipInvariant(leadId);

        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        assertThat(task(leadId, HandoffProcess.TASK_PREPARE)).isAssignedTo(sdr);
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        String ae = task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee();
        assertThat(AES).contains(ae);
        assertThat(lead(leadId).getOwner()).as("the sender owns the lead until the receiver accepts").isEqualTo(sdr);
        assertOwnershipInvariant(leadId);

        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        assertThat(task(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS)).isAssignedTo(ae);
        assertThat(lead(leadId).getOwner()).isEqualTo(ae);
        assertOwnershipInvariant(leadId);

        complete(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS, Map.of("needsSummary", "CRM hygiene"));
        complete(leadId, LeadLifecycle.TASK_SEND_PROPOSAL, Map.of("proposalReference", "P-1"));
        complete(leadId, LeadLifecycle.TASK_NEGOTIATE, Map.of("outcome", "won"));
        assertThat(task(leadId, HandoffProcess.TASK_PREPARE)).isAssignedTo(ae);
        assertThat(lead(leadId).getStatus()).as("the deal is open until delivery takes over").isEqualTo(LeadStatus.OPEN);
        complete(leadId, HandoffProcess.TASK_PREPARE, deliveryChecklist());
        String deliveryLead = task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee();
        assertThat(DELIVERY).contains(deliveryLead);
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        assertThat(task(leadId, LeadLifecycle.TASK_KICKOFF_ONBOARDING)).isAssignedTo(deliveryLead);
        assertOwnershipInvariant(leadId);

        complete(leadId, LeadLifecycle.TASK_KICKOFF_ONBOARDING, Map.of("kickoffDate", "2026-12-01"));
        assertThat(instance).isEnded().hasPassed("end_won");
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.WON);
        assertThat(ledger(leadId)).extracting(p -> p.get("owner")).containsExactly(sdr, ae, deliveryLead);
        assertThat(ledger(leadId)).extracting(p -> p.get("reason")).containsExactly("ROUTED", "HANDOFF_ACCEPTED", "HANDOFF_ACCEPTED");
        assertOwnershipInvariant(leadId);
        assertThat(jobsOfLead(leadId)).isZero();
    }

    @Test
    void aCompanyOfAThousandOrMoreGoesToTheEnterpriseSdrAndOnToAnAe() {
        String leadId = intake.capture(new LeadRequest(null, uniqueEmail(), "Kim", "Buyer", "Globex AG", "DE", "referral", 2300)).lead().getId();
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo("eli");
        assertThat(lead(leadId).getOwner()).isEqualTo("eli");
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        assertThat(task(leadId, HandoffProcess.TASK_PREPARE)).isAssignedTo("eli");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void unqualifiedLeadIsDisqualified() {
        String leadId = captureReadyLead();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", false, "disqualifyReason", "student project"));
        assertThat(lifecycle(leadId)).isNull();
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(lead(leadId).getOwner()).isNull();
        assertOwnershipInvariant(leadId);
    }

    @Test
    void lostNegotiationClosesTheLeadAsLost() {
        String leadId = walkToNegotiation();
        var instance = lifecycle(leadId);
        complete(leadId, LeadLifecycle.TASK_NEGOTIATE, Map.of("outcome", "lost"));
        assertThat(instance).isEnded().hasPassed("end_lost");
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.LOST);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void leadWithoutCompanyGoesToTheDataStewardFirst() {
        String leadId = captureLeadWithoutCompany();
        assertThat(task(leadId, LeadLifecycle.TASK_FIX_LEAD_DATA)).isAssignedTo("mara");
        assertThat(lead(leadId).getOwner()).isEqualTo("mara");
        assertOwnershipInvariant(leadId);

        complete(leadId, LeadLifecycle.TASK_FIX_LEAD_DATA, Map.of("company", "  Initech  ", "country", "gb", "email", lead(leadId).getEmail()));
        String sdr = task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getAssignee();
        assertThat(SDRS).contains(sdr);
        assertThat(lead(leadId).getCompany()).isEqualTo("Initech");
        assertThat(lead(leadId).getCountry()).isEqualTo("GB");
        assertThat(ledger(leadId)).extracting(p -> p.get("owner")).containsExactly("mara", sdr);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void stewardWhoLeavesTheCompanyEmptyGetsTheTaskBack() {
        String leadId = captureLeadWithoutCompany();
        complete(leadId, LeadLifecycle.TASK_FIX_LEAD_DATA, Map.of("company", " "));
        assertThat(task(leadId, LeadLifecycle.TASK_FIX_LEAD_DATA)).isAssignedTo("mara");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void answersThatAreMissingOrMalformedReturnTheTaskInsteadOfFailing() {
        String leadId = captureReadyLead();
        String sdr = lead(leadId).getOwner();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of());
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(sdr);
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", "maybe"));
        assertThat(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).isAssignedTo(sdr);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void negotiationWithoutAKnownOutcomeStaysInNegotiation() {
        String leadId = walkToNegotiation();
        complete(leadId, LeadLifecycle.TASK_NEGOTIATE, Map.of("outcome", "postponed"));
        assertThat(task(leadId, LeadLifecycle.TASK_NEGOTIATE).getAssignee()).isEqualTo(lead(leadId).getOwner());
    }

    @Test
    void unsubscribedLeadStopsMidFlightWithNoTaskOrTimerLeft() {
        String leadId = walkToNegotiation();
        assertThat(jobsOfLead(leadId)).as("reminder and breach timers are armed").isPositive();
        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_UNSUBSCRIBED).processInstanceBusinessKey(leadId).correlate();
        assertThat(openTasks(leadId)).isEmpty();
        assertThat(jobsOfLead(leadId)).isZero();
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.UNSUBSCRIBED);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void leadLostMessageStopsAHandoffInProgress() {
        String leadId = captureReadyLead();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        runtimeService.createMessageCorrelation(LeadLifecycle.MESSAGE_LOST).processInstanceBusinessKey(leadId).correlate();
        assertThat(openTasks(leadId)).isEmpty();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).count()).isZero();
        assertThat(lead(leadId).getStatus()).isEqualTo(LeadStatus.LOST);
        assertOwnershipInvariant(leadId);
    }

    private String walkToNegotiation() {
        String leadId = captureReadyLead();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        complete(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS, Map.of("needsSummary", "CRM hygiene"));
        complete(leadId, LeadLifecycle.TASK_SEND_PROPOSAL, Map.of("proposalReference", "P-2"));
        return leadId;
    }
}
