package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.escalation.EscalationProcess;
import io.baton.escalation.EscalationReview;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadCard;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.ApiContract;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 16, items 1–3: a rep's task names its lead and carries the lead card, readable by the rep
 * over Camunda's REST API; qualification is an explicit decision, sent by Tasklist's form as a radio
 * string and stored as the contract's boolean; a completion without a decision is a 400.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class TaskFormsContract extends ApiContract {

    private static final String AE_CHECKLIST = """
            {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
             "nextMeetingBooked": {"value": true}, "contextSummary": {"value": "Pilot in Q3"}}""";
    private static final String AE_CHECKLIST_BUT_MEETING = """
            {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
             "nextMeetingBooked": {"value": false}, "contextSummary": {"value": "Pilot in Q3"}}""";

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    ManagementService managementService;

    record Task(String leadId, String id) {
    }

    /** A lead routed to sam (under 1,000 employees: team sdr; routing evens out open work between the SDRs), waiting in his qualifyLead. */
    private Task samsLead() {
        for (int attempt = 0; attempt < 6; attempt++) {
            Map<String, Object> lead = as("mara").postForObject("/api/leads", json("""
                    {"email": "forms-%s@example.com", "firstName": "Ann", "lastName": "Smith", "company": "Acme GmbH",
                     "country": "DE", "source": "web", "employees": 990}""".formatted(UUID.randomUUID())), Map.class);
            if ("sam".equals(lead.get("owner"))) {
                String id = (String) lead.get("id");
                return new Task(id, taskOf(id, LeadLifecycle.TASK_QUALIFY_LEAD));
            }
        }
        throw new AssertionError("no lead was routed to sam");
    }

    private String taskOf(String leadId, String key) {
        List<Map<String, Object>> tasks = as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
        List<Map<String, Object>> matching = tasks.stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).toList();
        assertThat(matching).as("open %s of %s", key, leadId).hasSize(1);
        return (String) matching.get(0).get("id");
    }

    private ResponseEntity<String> send(String user, HttpMethod method, String path, String body) {
        return as(user).exchange(path, method, body == null ? null : json(body), String.class);
    }

    private ResponseEntity<String> submitForm(String user, String taskId, String variables) {
        return send(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form", "{\"variables\": " + variables + "}");
    }

    private JsonNode read(String body) throws Exception {
        return json.readTree(body);
    }

    /** The lead card of a variables answer read with {@code deserializeValues=false}: Json comes as its text. */
    private JsonNode card(JsonNode variables) throws Exception {
        JsonNode value = variables.path(LeadCard.VAR_LEAD).path("value");
        assertThat(value.isTextual()).as(variables.toString()).isTrue();
        return read(value.asText());
    }

    private static void assertProblemNaming(ResponseEntity<String> response, String field) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).contains("\"field\":\"" + field + "\"");
    }

    /** The lead's variable as the process stored it (history keeps it after the instance moved on). */
    private Map<String, Object> stored(String leadId, String name) {
        String instance = jdbc.queryForObject("select ID_ from ACT_HI_PROCINST where BUSINESS_KEY_ = ? and SUPER_PROCESS_INSTANCE_ID_ is null",
                String.class, leadId);
        List<Map<String, Object>> values = as("admin").getForObject("/engine-rest/history/variable-instance?variableName=" + name
                + "&processInstanceId=" + instance, List.class);
        assertThat(values).as("%s of %s", name, leadId).hasSize(1);
        return values.get(0);
    }

    private String status(String leadId) {
        return (String) as("admin").getForObject("/api/leads/" + leadId, Map.class).get("status");
    }

    @Test
    void repReadsTheTitleAndLeadCardOfHisTask() throws Exception {
        Task task = samsLead();

        // As Tasklist asks: Json as its text.
        ResponseEntity<String> variables = send("sam", HttpMethod.GET, "/engine-rest/task/" + task.id() + "/variables?deserializeValues=false", null);
        assertThat(variables.getStatusCode().value()).as(variables.getBody()).isEqualTo(200);
        JsonNode all = read(variables.getBody());
        assertThat(all.path(LeadCard.VAR_TITLE).path("value").asText()).isEqualTo("Acme GmbH — Ann Smith");
        assertThat(all.path(LeadCard.VAR_LEAD).path("type").asText()).isEqualTo("Json");
        JsonNode card = card(all);
        assertThat(card.path("company").asText()).as(all.toString()).isEqualTo("Acme GmbH");
        assertThat(card.path("name").asText()).isEqualTo("Ann Smith");
        assertThat(card.path("email").asText()).startsWith("forms-");
        assertThat(card.path("employees").asInt()).isEqualTo(990);
        assertThat(card.path("size").asText()).isEqualTo("990 employees");
        assertThat(card.path("source").asText()).isEqualTo("web");
        assertThat(card.path("country").asText()).isEqualTo("DE");
        assertThat(card.path("owner").path("id").asText()).isEqualTo("sam");
        assertThat(card.path("owner").path("name").asText()).isEqualTo("Sam Sales-Dev");
        assertThat(card.path("previousOwner").isNull()).isTrue();

        // Tasklist's form loads form-variables; the filters' columns come from the variable-instance query.
        ResponseEntity<String> form = send("sam", HttpMethod.GET, "/engine-rest/task/" + task.id() + "/form-variables?deserializeValues=false", null);
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(200);
        assertThat(read(form.getBody()).path(LeadCard.VAR_LEAD).path("type").asText()).isEqualTo("Json");
        assertThat(read(form.getBody()).path(LeadCard.VAR_LEAD).path("value").isTextual()).isTrue();
        assertThat(card(read(form.getBody())).path("title").asText()).isEqualTo("Acme GmbH — Ann Smith");
        assertThat(read(form.getBody()).path(LeadCard.VAR_TITLE).path("value").asText()).isEqualTo("Acme GmbH — Ann Smith");
        ResponseEntity<String> columns = send("sam", HttpMethod.GET,
                "/engine-rest/variable-instance?variableName=" + LeadCard.VAR_TITLE + "&taskIdIn=" + task.id(), null);
        assertThat(read(columns.getBody()).findValuesAsText("value")).containsExactly("Acme GmbH — Ann Smith");

        // Nobody else's rep reads it.
        assertThat(send("sofia", HttpMethod.GET, "/engine-rest/task/" + task.id() + "/variables", null).getStatusCode().value()).isIn(403, 404);
    }

    @Test
    void theFormsRadioStringQualifiesAndTheProcessSeesABoolean() {
        Task task = samsLead();
        ResponseEntity<String> submitted = submitForm("sam", task.id(), "{\"qualified\": {\"value\": \"true\"}}");
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(204);

        Map<String, Object> qualified = stored(task.leadId(), LeadLifecycle.VAR_QUALIFIED);
        assertThat(qualified).containsEntry("type", "Boolean").containsEntry("value", true);
        assertThat(taskOf(task.leadId(), HandoffProcess.TASK_PREPARE)).isNotNull();
        assertThat(status(task.leadId())).isEqualTo("OPEN");
    }

    @Test
    void disqualifyingByRadioNeedsAReason() {
        Task task = samsLead();
        assertProblemNaming(submitForm("sam", task.id(), "{\"qualified\": {\"value\": \"false\"}}"), LeadLifecycle.VAR_DISQUALIFY_REASON);
        assertThat(status(task.leadId())).isEqualTo("OPEN");

        ResponseEntity<String> submitted = submitForm("sam", task.id(),
                "{\"qualified\": {\"value\": \"false\"}, \"disqualifyReason\": {\"value\": \"Student project, no budget\"}}");
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(204);
        assertThat(stored(task.leadId(), LeadLifecycle.VAR_QUALIFIED)).containsEntry("type", "Boolean").containsEntry("value", false);
        assertThat(status(task.leadId())).isEqualTo("DISQUALIFIED");
    }

    @Test
    void aCompletionWithoutADecisionIsABadRequestNamingQualified() {
        Task task = samsLead();
        assertProblemNaming(submitForm("sam", task.id(), "{}"), LeadLifecycle.VAR_QUALIFIED);
        assertProblemNaming(submitForm("sam", task.id(), "{\"qualified\": {\"value\": \"\"}}"), LeadLifecycle.VAR_QUALIFIED);
        assertProblemNaming(submitForm("sam", task.id(), "{\"qualified\": {\"value\": \"maybe\"}}"), LeadLifecycle.VAR_QUALIFIED);
        assertProblemNaming(send("sam", HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete", "{}"), LeadLifecycle.VAR_QUALIFIED);
        assertThat(taskOf(task.leadId(), LeadLifecycle.TASK_QUALIFY_LEAD)).isEqualTo(task.id());
        assertThat(status(task.leadId())).isEqualTo("OPEN");
    }

    @Test
    void restClientsStillSendTheContractsBoolean() {
        Task task = samsLead();
        ResponseEntity<String> completed = send("sam", HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete",
                "{\"variables\": {\"qualified\": {\"value\": true, \"type\": \"Boolean\"}}}");
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
        assertThat(stored(task.leadId(), LeadLifecycle.VAR_QUALIFIED)).containsEntry("type", "Boolean").containsEntry("value", true);
    }

    @Test
    void anIncompleteChecklistComesBackWithItsLabelsAndTheContractsKeys() throws Exception {
        Task task = samsLead();
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete",
                "{\"variables\": {\"qualified\": {\"value\": true}}}").getStatusCode().value()).isEqualTo(204);
        String prepare = taskOf(task.leadId(), HandoffProcess.TASK_PREPARE);
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + prepare + "/complete",
                "{\"variables\": " + AE_CHECKLIST_BUT_MEETING + "}").getStatusCode().value()).isEqualTo(204);

        String again = taskOf(task.leadId(), HandoffProcess.TASK_PREPARE);
        JsonNode variables = read(send("sam", HttpMethod.GET, "/engine-rest/task/" + again + "/form-variables?deserializeValues=false", null).getBody());
        assertThat(variables.path(HandoffProcess.VAR_MISSING_ITEMS).path("value").asText()).isEqualTo("nextMeetingBooked");
        assertThat(variables.path(HandoffProcess.VAR_MISSING_ITEM_LABELS).path("value").asText()).isEqualTo("Next meeting booked");
        assertThat(variables.path(HandoffProcess.VAR_CHECKLIST_TICKS).path("value").asText())
                .contains("- ✅ Contact verified").contains("- ❌ Next meeting booked");
        assertThat(card(variables).path("people").path("sender").asText()).isEqualTo("Sam Sales-Dev");
    }

    @Test
    void acceptingIsAnExplicitChoiceAndRejectingNeedsAReason() throws Exception {
        Task task = samsLead();
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete",
                "{\"variables\": {\"qualified\": {\"value\": true}}}").getStatusCode().value()).isEqualTo(204);
        String prepare = taskOf(task.leadId(), HandoffProcess.TASK_PREPARE);
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + prepare + "/complete",
                "{\"variables\": " + AE_CHECKLIST + "}").getStatusCode().value()).isEqualTo(204);
        String accept = taskOf(task.leadId(), HandoffProcess.TASK_ACCEPT);
        String receiver = (String) as("admin").getForObject("/engine-rest/task/" + accept, Map.class).get("assignee");

        JsonNode form = read(send(receiver, HttpMethod.GET, "/engine-rest/task/" + accept + "/form-variables?deserializeValues=false", null).getBody());
        assertThat(form.path(HandoffProcess.VAR_CHECKLIST_TICKS).path("value").asText())
                .isEqualTo("- ✅ Contact verified\n- ✅ Need / pain confirmed\n- ✅ Budget or authority indicated\n- ✅ Next meeting booked"
                        + "\n- ✅ Context summary for the receiver");
        JsonNode card = card(form);
        assertThat(card.path("people").path("sender").asText()).isEqualTo("Sam Sales-Dev");
        assertThat(card.path("owner").path("id").asText()).as("the sender owns the lead until the receiver accepts").isEqualTo("sam");

        assertProblemNaming(submitForm(receiver, accept, "{}"), HandoffProcess.VAR_ACCEPTED);
        assertProblemNaming(submitForm(receiver, accept, "{\"accepted\": {\"value\": \"false\"}}"), HandoffProcess.VAR_REJECT_REASON);
        ResponseEntity<String> rejected = submitForm(receiver, accept,
                "{\"accepted\": {\"value\": \"false\"}, \"rejectReason\": {\"value\": \"Not my territory\"}}");
        assertThat(rejected.getStatusCode().value()).as(rejected.getBody()).isEqualTo(204);

        String back = taskOf(task.leadId(), HandoffProcess.TASK_PREPARE);
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + back + "/complete",
                "{\"variables\": " + AE_CHECKLIST + "}").getStatusCode().value()).isEqualTo(204);
        String again = taskOf(task.leadId(), HandoffProcess.TASK_ACCEPT);
        ResponseEntity<String> accepted = submitForm(receiver, again, "{\"accepted\": {\"value\": \"true\"}}");
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(204);
        assertThat(as("admin").getForObject("/api/leads/" + task.leadId(), Map.class)).containsEntry("owner", receiver);
        // The next task's card shows the new owner and who owned the lead before.
        String analysis = taskOf(task.leadId(), LeadLifecycle.TASK_NEEDS_ANALYSIS);
        JsonNode next = card(read(send(receiver, HttpMethod.GET, "/engine-rest/task/" + analysis + "/variables?deserializeValues=false", null).getBody()));
        assertThat(next.path("owner").path("id").asText()).isEqualTo(receiver);
        assertThat(next.path("previousOwner").path("id").asText()).isEqualTo("sam");
        assertThat(next.path("previousOwner").path("name").asText()).isEqualTo("Sam Sales-Dev");
    }

    @Test
    void aTaskMovedByTheManagerShowsItsNewOwnerAndTheOneBefore() throws Exception {
        Task task = samsLead();
        ResponseEntity<String> moved = send("morgan", HttpMethod.POST, "/engine-rest/task/" + task.id() + "/assignee", "{\"userId\": \"sofia\"}");
        assertThat(moved.getStatusCode().is2xxSuccessful()).as(moved.getBody()).isTrue();

        JsonNode card = card(read(send("sofia", HttpMethod.GET, "/engine-rest/task/" + task.id() + "/variables?deserializeValues=false", null).getBody()));
        assertThat(card.path("owner").path("id").asText()).isEqualTo("sofia");
        assertThat(card.path("owner").path("name").asText()).isEqualTo("Sofia Sales-Dev");
        assertThat(card.path("previousOwner").path("name").asText()).isEqualTo("Sam Sales-Dev");
        assertThat(card.path("people").path("owner").asText()).isEqualTo("Sofia Sales-Dev");
        assertThat(send("sam", HttpMethod.GET, "/engine-rest/task/" + task.id() + "/variables", null).getStatusCode().value()).isIn(403, 404);
    }

    // --- issue 16, items 4 and 5: context travels, the sender stays accountable --------------------

    /** sam's lead, qualified and handed off with a complete checklist: its acceptance task waits on an AE. */
    private Task handedOff() {
        Task task = samsLead();
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + task.id() + "/complete",
                "{\"variables\": {\"qualified\": {\"value\": true}}}").getStatusCode().value()).isEqualTo(204);
        String prepare = taskOf(task.leadId(), HandoffProcess.TASK_PREPARE);
        assertThat(send("sam", HttpMethod.POST, "/engine-rest/task/" + prepare + "/complete",
                "{\"variables\": " + AE_CHECKLIST + "}").getStatusCode().value()).isEqualTo(204);
        return new Task(task.leadId(), taskOf(task.leadId(), HandoffProcess.TASK_ACCEPT));
    }

    private String assignee(String taskId) {
        return (String) as("admin").getForObject("/engine-rest/task/" + taskId, Map.class).get("assignee");
    }

    private JsonNode myLeads(String user) throws Exception {
        ResponseEntity<String> mine = send(user, HttpMethod.GET, "/api/me/leads", null);
        assertThat(mine.getStatusCode().value()).as(mine.getBody()).isEqualTo(200);
        return read(mine.getBody());
    }

    private static JsonNode entry(JsonNode leads, String leadId) {
        for (JsonNode lead : leads) {
            if (leadId.equals(lead.path("id").asText())) {
                return lead;
            }
        }
        return null;
    }

    @Test
    void theReceiversTasksCarryTheSendersContextSummaryAfterAcceptance() throws Exception {
        Task accept = handedOff();
        String ae = assignee(accept.id());
        assertThat(card(read(send(ae, HttpMethod.GET, "/engine-rest/task/" + accept.id() + "/form-variables?deserializeValues=false", null)
                .getBody())).path("handoff").isNull()).as("no handoff was accepted yet").isTrue();
        assertThat(submitForm(ae, accept.id(), "{\"accepted\": {\"value\": \"true\"}}").getStatusCode().value()).isEqualTo(204);

        String analysis = taskOf(accept.leadId(), LeadLifecycle.TASK_NEEDS_ANALYSIS);
        JsonNode card = card(read(send(ae, HttpMethod.GET, "/engine-rest/task/" + analysis + "/form-variables?deserializeValues=false", null).getBody()));
        assertThat(card.path("handoff").path("summary").asText()).isEqualTo("Pilot in Q3");
        assertThat(card.path("handoff").path("from").asText()).isEqualTo("Sam Sales-Dev");
        assertThat(card.path("handoff").path("at").asText()).isNotBlank();
        assertThat(card.path("previousOwner").path("name").asText()).isEqualTo("Sam Sales-Dev");
        assertThat(card.path("company").asText()).isEqualTo("Acme GmbH");
    }

    @Test
    void theEscalationReviewNamesTheLapseAndOffersTeamMatesByNameAndOnlyThem() throws Exception {
        Task task = samsLead();
        String instance = jdbc.queryForObject("select PROC_INST_ID_ from ACT_RU_TASK where ID_ = ?", String.class, task.id());
        managementService.executeJob(managementService.createJobQuery().processInstanceId(instance)
                .activityId("timer_qualificationBreach").singleResult().getId());
        String review = taskOf(task.leadId(), EscalationProcess.TASK_REVIEW);
        assertThat(assignee(review)).isEqualTo("morgan");

        JsonNode form = read(send("morgan", HttpMethod.GET, "/engine-rest/task/" + review + "/form-variables?deserializeValues=false", null).getBody());
        JsonNode escalation = read(form.path(EscalationReview.VAR_ESCALATION).path("value").asText());
        assertThat(escalation.path("task").asText()).isEqualTo("Qualify lead");
        assertThat(escalation.path("lapsedBy").asText()).isEqualTo("Sam Sales-Dev");
        assertThat(escalation.path("lapsedSince").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
        assertThat(form.path(EscalationReview.VAR_ELIGIBLE_OWNERS).path("type").asText()).isEqualTo("Json");
        JsonNode people = read(form.path(EscalationReview.VAR_ELIGIBLE_OWNERS).path("value").asText());
        assertThat(people.toString()).isEqualTo("[{\"label\":\"Sofia Sales-Dev\",\"value\":\"sofia\"}]");

        // alex can take work, but the review did not offer him: refused, naming the field, from any client.
        assertProblemNaming(submitForm("morgan", review, "{\"decision\": {\"value\": \"reassign\"}, \"newOwner\": {\"value\": \"alex\"}}"),
                EscalationProcess.VAR_NEW_OWNER);
        assertProblemNaming(send("morgan", HttpMethod.POST, "/engine-rest/task/" + review + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"reassign\"}, \"newOwner\": {\"value\": \"Sofia Sales-Dev\"}}}"),
                EscalationProcess.VAR_NEW_OWNER);
        // Extensions are the form's choices, sent as the contract's ISO-8601 values.
        assertProblemNaming(submitForm("morgan", review, "{\"decision\": {\"value\": \"keep\"}, \"extendBy\": {\"value\": \"P3D\"}}"),
                EscalationProcess.VAR_EXTEND_BY);
        // Nor can anyone rewrite the offer.
        assertProblemNaming(send("morgan", HttpMethod.POST, "/engine-rest/task/" + review + "/complete",
                "{\"variables\": {\"decision\": {\"value\": \"reassign\"}, \"newOwner\": {\"value\": \"alex\"}, "
                        + "\"eligibleOwners\": {\"value\": \"[\\\"alex\\\"]\", \"type\": \"Json\"}}}"), EscalationReview.VAR_ELIGIBLE_OWNERS);
        assertThat(taskOf(task.leadId(), EscalationProcess.TASK_REVIEW)).isEqualTo(review);

        ResponseEntity<String> kept = submitForm("morgan", review, "{\"decision\": {\"value\": \"keep\"}, \"extendBy\": {\"value\": \"P1W\"}}");
        assertThat(kept.getStatusCode().value()).as(kept.getBody()).isEqualTo(204);
        Map<String, Object> qualify = as("admin").getForObject("/engine-rest/task/" + task.id(), Map.class);
        assertThat((String) qualify.get("due")).as("a week from the decision").isNotNull();
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_TASK t join ACT_RU_EXECUTION p on p.ID_ = t.PROC_INST_ID_ "
                + "where p.BUSINESS_KEY_ = ? and t.TASK_DEF_KEY_ = ? and t.DUE_DATE_ > ?", Integer.class, task.leadId(),
                LeadLifecycle.TASK_QUALIFY_LEAD, java.sql.Timestamp.from(java.time.Instant.now().plus(java.time.Duration.ofDays(6)))))
                .as("qualifyLead is due in a week").isEqualTo(1);
    }

    @Test
    void theSenderSeesTheLeadWaitingOnTheReceiverUntilItIsAccepted() throws Exception {
        Task accept = handedOff();
        String ae = assignee(accept.id());
        JsonNode mine = entry(myLeads("sam"), accept.leadId());
        assertThat(mine).as("sam is accountable while the handoff waits").isNotNull();
        assertThat(mine.path("title").asText()).isEqualTo("Acme GmbH — Ann Smith");
        assertThat(mine.path("waitingOn").path("id").asText()).isEqualTo(ae);
        assertThat(mine.path("waitingOn").path("name").asText()).isEqualTo(ae.equals("alex") ? "Alex Account-Exec" : "Ava Account-Exec");
        assertThat(mine.path("waitingOn").path("since").asText()).isNotBlank();
        assertThat(entry(myLeads(ae), accept.leadId())).as("the receiver is not accountable before accepting").isNull();
        assertThat(entry(myLeads("sofia"), accept.leadId())).isNull();

        assertThat(submitForm(ae, accept.id(), "{\"accepted\": {\"value\": \"true\"}}").getStatusCode().value()).isEqualTo(204);
        assertThat(entry(myLeads("sam"), accept.leadId())).as("accepted: no longer sam's").isNull();
        JsonNode theirs = entry(myLeads(ae), accept.leadId());
        assertThat(theirs).isNotNull();
        assertThat(theirs.path("waitingOn").isMissingNode() || theirs.path("waitingOn").isNull()).as(theirs.toString()).isTrue();

        // Without credentials and without a webapp session: nothing.
        assertThat(http.getForEntity("/api/me/leads", String.class).getStatusCode().value()).isEqualTo(401);
    }
}
