package io.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.baton.lead.LeadLifecycle;
import io.baton.testing.ProcessTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class HandoffProcessTest extends ProcessTestSupport {

    @Autowired
    RepositoryService repositoryService;

    @Test
    void completeChecklistReachesTheReceiverWhoseAcceptanceMovesOwnership() {
        String leadId = qualifiedLead();
        String sdr = lead(leadId).getOwner();
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        var accept = task(leadId, HandoffProcess.TASK_ACCEPT);
        assertThat(taskService.getVariable(accept.getId(), "checklistAnswers").toString()).contains("Next meeting booked: yes");
        assertThat(lead(leadId).getOwner()).isEqualTo(sdr);
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        assertThat(lead(leadId).getOwner()).isEqualTo(accept.getAssignee());
        assertThat(ledger(leadId)).extracting(p -> p.get("owner")).containsExactly(sdr, accept.getAssignee());
        assertThat(events(leadId)).containsExactly("CHECKLIST_COMPLETE", "ACCEPTED");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void theSendersContextSummaryTravelsToTheReceiversNextTasks() {
        String leadId = qualifiedLead();
        String sdr = lead(leadId).getOwner();
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        assertThat(String.valueOf(taskService.getVariableLocal(task(leadId, HandoffProcess.TASK_ACCEPT).getId(), "lead")))
                .as("nothing accepted yet").contains("\"handoff\":null");
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        String card = String.valueOf(taskService.getVariableLocal(task(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS).getId(), "lead"));
        assertThat(card).contains("\"summary\":\"Buyer wants a pilot in Q3\"")
                .contains("\"from\":\"" + name(sdr) + "\"");
        assertThat(lead(leadId).getHandoffFrom()).isEqualTo(sdr);
        assertThat(lead(leadId).getHandoffAt()).isNotNull();
    }

    @Test
    void incompleteChecklistReturnsToTheSenderNamingTheMissingItems() {
        String leadId = qualifiedLead();
        String sdr = lead(leadId).getOwner();
        Map<String, Object> answers = new HashMap<>(aeChecklist(false));
        answers.put("contextSummary", "   ");
        complete(leadId, HandoffProcess.TASK_PREPARE, answers);
        var again = task(leadId, HandoffProcess.TASK_PREPARE);
        assertThat(again).isAssignedTo(sdr);
        assertThat(taskService.getVariable(again.getId(), HandoffProcess.VAR_MISSING_ITEMS)).isEqualTo("nextMeetingBooked, contextSummary");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(HandoffProcess.TASK_ACCEPT).count())
                .as("nothing reaches the receiver").isZero();
        assertThat(jdbc.queryForObject("select missing_items from baton_handoff_event where lead_id = ?", String.class, leadId))
                .isEqualTo("nextMeetingBooked, contextSummary");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void rejectionReturnsTheHandoffToTheSenderWithTheReason() {
        String leadId = qualifiedLead();
        String sdr = lead(leadId).getOwner();
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        String receiver = task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee();
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", false, "rejectReason", "No budget owner named"));
        var back = task(leadId, HandoffProcess.TASK_PREPARE);
        assertThat(back).isAssignedTo(sdr);
        assertThat(taskService.getVariable(back.getId(), HandoffProcess.VAR_REJECT_REASON)).isEqualTo("No budget owner named");
        assertThat(lead(leadId).getOwner()).isEqualTo(sdr);

        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        assertThat(task(leadId, HandoffProcess.TASK_ACCEPT)).as("the same receiver decides again").isAssignedTo(receiver);
        assertOwnershipInvariant(leadId);
    }

    @Test
    void rejectionWithoutReasonIsNotAcceptedAsAnAnswer() {
        String leadId = qualifiedLead();
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        String receiver = task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee();
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", false, "rejectReason", ""));
        assertThat(task(leadId, HandoffProcess.TASK_ACCEPT)).isAssignedTo(receiver);
    }

    @Test
    void rejectionsBeyondTheLimitGoToTheReceiversManagerToDecide() {
        String leadId = qualifiedLead();
        String receiver = null;
        for (int round = 1; round <= 3; round++) {
            complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
            receiver = task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee();
            complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", false, "rejectReason", "Round " + round));
        }
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(HandoffProcess.TASK_PREPARE).count())
                .as("no third bounce").isZero();
        var resolve = task(leadId, HandoffProcess.TASK_RESOLVE);
        assertThat(resolve).isAssignedTo("morgan");

        complete(leadId, HandoffProcess.TASK_RESOLVE, Map.of("resolution", "reassign", "newOwner", "nobody-here"));
        assertThat(task(leadId, HandoffProcess.TASK_RESOLVE)).as("an unknown person is not a valid resolution").isAssignedTo("morgan");
        String other = receiver.equals("alex") ? "ava" : "alex";
        complete(leadId, HandoffProcess.TASK_RESOLVE, Map.of("resolution", "reassign", "newOwner", other,
                "resolutionNote", "Call their CFO first"));
        assertThat(lead(leadId).getOwner()).isEqualTo(other);
        assertThat(jdbc.queryForList("select message from baton_activity where lead_id = ? and recipient = ?", String.class, leadId, other))
                .as("the manager's note travels to the new owner").anySatisfy(m -> assertThat(m).contains("Call their CFO first"));
        assertThat(task(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS)).isAssignedTo(other);
        assertThat(events(leadId)).endsWith("REJECTED", "RESOLVED_REASSIGN", "ACCEPTED");
        assertOwnershipInvariant(leadId);
    }

    @Test
    void deliveryHandoffUsesItsOwnChecklist() {
        String leadId = qualifiedLead();
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        complete(leadId, HandoffProcess.TASK_ACCEPT, Map.of("accepted", true));
        complete(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS, Map.of());
        complete(leadId, LeadLifecycle.TASK_SEND_PROPOSAL, Map.of());
        complete(leadId, LeadLifecycle.TASK_NEGOTIATE, Map.of("outcome", "won"));
        // The SDR checklist's answers do not open the delivery gate.
        complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
        var again = task(leadId, HandoffProcess.TASK_PREPARE);
        assertThat(taskService.getVariable(again.getId(), HandoffProcess.VAR_MISSING_ITEMS))
                .isEqualTo("contractSigned, scopeDocumented, kickoffContactNamed, billingDetailsComplete");
        complete(leadId, HandoffProcess.TASK_PREPARE, deliveryChecklist());
        assertThat(task(leadId, HandoffProcess.TASK_ACCEPT).getAssignee()).isIn("dana", "devon");
    }

    @Test
    void checkboxAddedToTheFormIsEnforcedWithoutCodeChange() throws IOException {
        String form;
        try (InputStream in = getClass().getResourceAsStream("/handoff-to-ae.form")) {
            form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String extended = form.replace("\"components\": [",
                "\"components\": [\n    {\"type\": \"checkbox\", \"key\": \"legalApproved\", \"label\": \"Legal approved\", \"id\": \"Field_legalApproved\"},");
        var deployment = repositoryService.createDeployment().name("checklist-extended")
                .addClasspathResource("lead-handoff.bpmn")
                .addClasspathResource("lead-escalation.bpmn")
                .addString("handoff-to-ae.form", extended)
                .addClasspathResource("accept-handoff.form")
                .addClasspathResource("resolve-handoff.form")
                .addClasspathResource("review-escalation.form")
                .deploy();
        try {
            String leadId = qualifiedLead();
            complete(leadId, HandoffProcess.TASK_PREPARE, aeChecklist(true));
            var again = task(leadId, HandoffProcess.TASK_PREPARE);
            assertThat(taskService.getVariable(again.getId(), HandoffProcess.VAR_MISSING_ITEMS)).isEqualTo("legalApproved");
            Map<String, Object> answers = new HashMap<>(aeChecklist(true));
            answers.put("legalApproved", true);
            complete(leadId, HandoffProcess.TASK_PREPARE, answers);
            assertThat(openTasks(leadId)).extracting(t -> t.getTaskDefinitionKey()).containsExactly(HandoffProcess.TASK_ACCEPT);
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
        }
    }

    private String qualifiedLead() {
        String leadId = captureReadyLead();
        complete(leadId, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of("qualified", true));
        return leadId;
    }

    private List<String> events(String leadId) {
        return jdbc.queryForList("select kind from baton_handoff_event where lead_id = ? order by occurred_at, id", String.class, leadId);
    }

    private String name(String userId) {
        return jdbc.queryForObject("select FIRST_ || ' ' || LAST_ from ACT_ID_USER where ID_ = ?", String.class, userId);
    }
}
