package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's surface as a hostile rep, a manager overstepping and an administrator's slip would
 * use it: each test sends the attack over HTTP — Camunda's REST API and the web apps' own API — and
 * then checks that nothing changed. Runs on H2 and on PostgreSQL through the subclasses.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
abstract class EngineSurfaceContract {

    /** A JSON-typed Object value naming a class whose construction opens a database connection running INIT SQL. */
    private static final String GADGET = """
            {"type": "Object", "value": "{\\"url\\": \\"jdbc:h2:mem:pwned;INIT=CREATE TABLE PWNED(X INT)\\"}",
             "valueInfo": {"objectTypeName": "org.springframework.jdbc.datasource.DriverManagerDataSource",
                           "serializationDataFormat": "application/json"}}""";
    private static final String AE_CHECKLIST = """
            "contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
            "nextMeetingBooked": {"value": true}, "contextSummary": {"value": "Pilot in Q3"}""";

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    EngineAuthorizations engineAuthorizations;
    @LocalServerPort
    int port;

    // --- 1. No code execution through variables -------------------------------------------------

    @Test
    void objectValueIsRefusedOnEveryPathThatWritesVariablesAndNothingIsStored() throws Exception {
        Lead lead = qualifyingLead();
        String task = lead.task;
        String instance = (String) as("admin").getForObject("/engine-rest/task/" + task, Map.class).get("processInstanceId");
        List<ResponseEntity<String>> attacks = new ArrayList<>();
        String owner = lead.owner;
        attacks.add(send(owner, HttpMethod.PUT, "/engine-rest/task/" + task + "/variables/g", GADGET));
        attacks.add(send(owner, HttpMethod.PUT, "/engine-rest/task/" + task + "/localVariables/g", GADGET));
        attacks.add(send(owner, HttpMethod.POST, "/engine-rest/task/" + task + "/variables", "{\"modifications\": {\"g\": " + GADGET + "}}"));
        attacks.add(send(owner, HttpMethod.POST, "/engine-rest/task/" + task + "/complete", "{\"variables\": {\"qualified\": {\"value\": true}, \"g\": " + GADGET + "}}"));
        attacks.add(send(owner, HttpMethod.POST, "/engine-rest/task/" + task + "/submit-form", "{\"variables\": {\"qualified\": {\"value\": true}, \"g\": " + GADGET + "}}"));
        attacks.add(send(owner, HttpMethod.POST, "/engine-rest/task/" + task + "/resolve", "{\"variables\": {\"g\": " + GADGET + "}}"));
        for (String user : List.of(owner, "morgan", "admin")) {
            attacks.add(send(user, HttpMethod.PUT, "/engine-rest/process-instance/" + instance + "/variables/g", GADGET));
            attacks.add(send(user, HttpMethod.POST, "/engine-rest/process-instance/" + instance + "/variables", "{\"modifications\": {\"g\": " + GADGET + "}}"));
            attacks.add(send(user, HttpMethod.PUT, "/engine-rest/execution/" + instance + "/localVariables/g", GADGET));
            attacks.add(send(user, HttpMethod.POST, "/engine-rest/message", """
                    {"messageName": "%s", "businessKey": "%s", "processVariables": {"g": %s}}""".formatted(LeadLifecycle.MESSAGE_LOST, lead.id, GADGET)));
            attacks.add(send(user, HttpMethod.POST, "/engine-rest/process-definition/key/" + LeadLifecycle.KEY + "/start",
                    "{\"businessKey\": \"forged-" + UUID.randomUUID() + "\", \"variables\": {\"g\": " + GADGET + "}}"));
            attacks.add(send(user, HttpMethod.POST, "/engine-rest/process-definition/key/" + LeadLifecycle.KEY + "/submit-form",
                    "{\"businessKey\": \"forged-" + UUID.randomUUID() + "\", \"variables\": {\"g\": " + GADGET + "}}"));
        }
        Webapp tasklist = Webapp.login(port, owner);
        attacks.add(tasklist.send("PUT", "/camunda/api/engine/engine/default/task/" + task + "/variables/g", GADGET));
        attacks.add(tasklist.send("POST", "/camunda/api/engine/engine/default/task/" + task + "/submit-form",
                "{\"variables\": {\"qualified\": {\"value\": true}, \"g\": " + GADGET + "}}"));

        assertThat(attacks).allSatisfy(response -> assertThat(response.getStatusCode().is4xxClientError())
                .as("refused with a 4xx: %s", response.getBody()).isTrue());
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_VARIABLE where NAME_ = 'g'", Long.class)).as("nothing stored").isZero();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_VARINST where NAME_ = 'g'", Long.class)).isZero();
        assertThat(single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("id", task).containsEntry("assignee", owner);
        assertThat(leadStatus(lead.id)).isEqualTo("OPEN");
        assertHealthy();
    }

    @Test
    void anObjectValueWrittenBehindTheApiIsNeverDeserializedIntoAnArbitraryClass() {
        Lead lead = qualifyingLead();
        String instance = (String) as("admin").getForObject("/engine-rest/task/" + lead.task, Map.class).get("processInstanceId");
        // Only Baton's own code could store such a value; reading it must still not instantiate the class.
        runtimeService.setVariable(instance, "planted", Variables.serializedObjectValue("{\"url\": \"jdbc:h2:mem:planted\"}")
                .objectTypeName("org.springframework.jdbc.datasource.DriverManagerDataSource").serializationDataFormat("application/json").create());
        ResponseEntity<String> read = as("admin").getForEntity("/engine-rest/process-instance/" + instance + "/variables/planted?deserializeValue=true", String.class);
        assertThat(read.getStatusCode().is2xxSuccessful()).as(read.getBody()).isFalse();
        assertThat(read.getBody()).doesNotContain("jdbc:h2:mem:planted\",\"").doesNotContain("Exception\tat");
        runtimeService.removeVariable(instance, "planted");
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.isDeserializationTypeValidationEnabled()).isTrue();
        assertThat(configuration.getDeserializationTypeValidator().validate("org.springframework.jdbc.datasource.DriverManagerDataSource")).isFalse();
        assertThat(configuration.isJavaSerializationFormatEnabled()).isFalse();
    }

    // --- 2. Users write answers, never control data ---------------------------------------------

    @Test
    void senderForgingTheChecklistFormAndHimselfAsReceiverIsRefusedAndTheTaskStays() {
        Lead lead = qualifyingLead();
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": true}}").expect(204);
        Map<String, Object> prepare = single(lead.id, HandoffProcess.TASK_PREPARE);
        List<Map<String, Object>> ledgerBefore = ledger(lead.id);

        Answer forged = complete(lead.owner, (String) prepare.get("id"), "{" + AE_CHECKLIST
                + ", \"checklistForm\": {\"value\": \"negotiate\"}, \"receiver\": {\"value\": \"" + lead.owner + "\"}}");

        forged.expect(400).namesFields("checklistForm", "receiver");
        assertThat(single(lead.id, HandoffProcess.TASK_PREPARE)).containsEntry("id", prepare.get("id")).containsEntry("assignee", lead.owner);
        assertThat(ledger(lead.id)).isEqualTo(ledgerBefore);
        assertThat(variable(lead.id, HandoffProcess.VAR_CHECKLIST_FORM)).isEqualTo("handoff-to-ae");
        assertHealthy();
    }

    @Test
    void receiverNamingSomeoneElseOrAGhostAsReceiverOrOwnerIsRefused() {
        Lead lead = qualifyingLead();
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": true}}").expect(204);
        complete(lead.owner, (String) single(lead.id, HandoffProcess.TASK_PREPARE).get("id"), "{" + AE_CHECKLIST + "}").expect(204);
        Map<String, Object> accept = single(lead.id, HandoffProcess.TASK_ACCEPT);
        String receiver = (String) accept.get("assignee");
        String other = receiver.equals("alex") ? "ava" : "alex";

        for (String forgery : List.of("\"receiver\": {\"value\": \"" + other + "\"}", "\"receiver\": {\"value\": \"ghost-nobody\"}",
                "\"owner\": {\"value\": \"" + other + "\"}")) {
            complete(receiver, (String) accept.get("id"), "{\"accepted\": {\"value\": true}, " + forgery + "}").expect(400)
                    .namesFields(forgery.substring(1, forgery.indexOf('"', 1)));
        }
        assertThat(single(lead.id, HandoffProcess.TASK_ACCEPT)).containsEntry("id", accept.get("id")).containsEntry("assignee", receiver);
        assertThat(owner(lead.id)).as("the sender stays accountable").isEqualTo(lead.owner);
        assertHealthy();
    }

    @Test
    void anOwnerOrAssigneeWhoIsNobodyIsFlaggedByTheOwnershipHealthCheck() {
        Lead lead = qualifyingLead();
        // What a forged receiver left behind before the boundary held: a lead and a task on a person who does not exist.
        jdbc.update("update baton_lead set owner = 'ghost-nobody' where id = ?", lead.id);
        jdbc.update("update baton_ownership_period set owner = 'ghost-nobody' where open_lead_id = ?", lead.id);
        jdbc.update("update ACT_RU_TASK set ASSIGNEE_ = 'ghost-nobody' where ID_ = ?", lead.task);
        try {
            Map<String, Object> health = as("admin").getForObject("/api/health/ownership", Map.class);
            assertThat(((Number) health.get("leadsWithoutOwner")).longValue()).isPositive();
            assertThat(((Number) health.get("unassignedTasks")).longValue()).isPositive();
        } finally {
            jdbc.update("update baton_lead set owner = ? where id = ?", lead.owner, lead.id);
            jdbc.update("update baton_ownership_period set owner = ? where open_lead_id = ?", lead.owner, lead.id);
            jdbc.update("update ACT_RU_TASK set ASSIGNEE_ = ? where ID_ = ?", lead.owner, lead.task);
        }
        assertHealthy();
    }

    @Test
    void forgedOwnerWrongTypesAndMissingDecisionsAreRefusedNamingTheVariable() {
        Lead lead = qualifyingLead();
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": true}, \"owner\": {\"value\": \"alex\"}}").expect(400).namesFields("owner");
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": \"yes\"}}").expect(400).namesFields("qualified");
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": 1, \"type\": \"Integer\"}}").expect(400).namesFields("qualified");
        complete(lead.owner, lead.task, "{}").expect(400).namesFields("qualified");
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": false}}").expect(400).namesFields("disqualifyReason");
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": false}, \"disqualifyReason\": {\"value\": \"  \"}}").expect(400)
                .namesFields("disqualifyReason");
        assertThat(single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("id", lead.task);
        assertThat(leadStatus(lead.id)).as("one click never disqualifies").isEqualTo("OPEN");
        assertThat(ledger(lead.id)).hasSize(1);

        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": false}, \"disqualifyReason\": {\"value\": \"no budget\"}}").expect(204);
        assertThat(leadStatus(lead.id)).isEqualTo("DISQUALIFIED");
    }

    @Test
    void escalationReviewRefusesAStringLevelAGhostOwnerAndAnInvalidExtensionWithoutA500() {
        Lead lead = qualifyingLead();
        fireTimer(lead.id, "timer_qualificationBreach");
        Map<String, Object> review = single(lead.id, EscalationProcess.TASK_REVIEW);
        String manager = (String) review.get("assignee");
        String id = (String) review.get("id");

        complete(manager, id, "{\"decision\": {\"value\": \"keep\"}, \"escalationLevel\": {\"value\": \"high\"}}").expect(400).namesFields("escalationLevel");
        complete(manager, id, "{\"decision\": {\"value\": \"reassign\"}, \"newOwner\": {\"value\": \"ghost-nobody\"}}").expect(400).namesFields("newOwner");
        complete(manager, id, "{\"decision\": {\"value\": \"reassign\"}}").expect(400).namesFields("newOwner");
        complete(manager, id, "{\"decision\": {\"value\": \"keep\"}, \"extendBy\": {\"value\": \"soon\"}}").expect(400).namesFields("extendBy");
        complete(manager, id, "{\"decision\": {\"value\": \"ignore\"}}").expect(400).namesFields("decision");
        complete(manager, id, "{}").expect(400).namesFields("decision");
        assertThat(single(lead.id, EscalationProcess.TASK_REVIEW)).containsEntry("id", id).containsEntry("assignee", manager);
        assertHealthy();
    }

    @Test
    void tasklistSubmittingAForgedAnswerGetsAProblemItCanShow() throws Exception {
        Lead lead = qualifyingLead();
        Webapp tasklist = Webapp.login(port, lead.owner);
        ResponseEntity<String> response = tasklist.send("POST", "/camunda/api/engine/engine/default/task/" + lead.task + "/submit-form",
                "{\"variables\": {\"qualified\": {\"value\": true}, \"owner\": {\"value\": \"alex\"}}}");
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).contains("\"message\"").contains("owner");
        assertThat(single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("id", lead.task);
    }

    // --- 3. Reps work their tasks; managers reassign inside their line ---------------------------

    @Test
    void repCannotUnassignReassignDelegateRedateOrDeleteTheirTask() {
        Lead lead = qualifyingLead();
        Map<String, Object> before = single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD);
        String other = lead.owner.equals("sam") ? "sofia" : "sam";
        String path = "/engine-rest/task/" + lead.task;
        List<ResponseEntity<String>> attacks = List.of(
                send(lead.owner, HttpMethod.POST, path + "/unclaim", "{}"),
                send(lead.owner, HttpMethod.POST, path + "/assignee", "{\"userId\": null}"),
                send(lead.owner, HttpMethod.POST, path + "/assignee", "{\"userId\": \"" + other + "\"}"),
                send(lead.owner, HttpMethod.POST, path + "/claim", "{\"userId\": \"" + other + "\"}"),
                send(lead.owner, HttpMethod.POST, path + "/delegate", "{\"userId\": \"" + other + "\"}"),
                send(lead.owner, HttpMethod.POST, path + "/identity-links", "{\"userId\": \"" + other + "\", \"type\": \"candidate\"}"),
                send(lead.owner, HttpMethod.POST, path + "/identity-links/delete", "{\"userId\": \"" + lead.owner + "\", \"type\": \"assignee\"}"),
                send(lead.owner, HttpMethod.PUT, path, "{\"name\": \"Qualify lead\", \"due\": \"2099-01-01T00:00:00.000+0000\", \"assignee\": \"" + lead.owner + "\"}"),
                send(lead.owner, HttpMethod.POST, path + "/bpmnError", "{\"errorCode\": \"" + LeadLifecycle.ERROR_DISQUALIFIED + "\"}"),
                send(lead.owner, HttpMethod.DELETE, path, null));
        assertThat(attacks).allSatisfy(response -> assertThat(response.getStatusCode().is4xxClientError()).as(response.getBody()).isTrue());
        assertThat(single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("assignee", lead.owner).containsEntry("due", before.get("due"));
        assertThat(leadStatus(lead.id)).isEqualTo("OPEN");
        assertHealthy();
    }

    @Test
    void managerReassignsInsideTheLineAsARecordedTransferAndThePreviousAssigneeLosesAccess() {
        Lead lead = qualifyingLead();
        String other = lead.owner.equals("sam") ? "sofia" : "sam";

        send("morgan", HttpMethod.POST, "/engine-rest/task/" + lead.task + "/assignee", "{\"userId\": \"" + other + "\"}")
                .getStatusCode().is2xxSuccessful();
        assertThat(single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("assignee", other);
        assertThat(owner(lead.id)).isEqualTo(other);
        Map<String, Object> period = ledger(lead.id).get(ledger(lead.id).size() - 1);
        assertThat(period).containsEntry("owner", other).containsEntry("actor", "morgan").containsEntry("reason", "REASSIGNED");
        assertThat(period.get("to")).isNull();
        ResponseEntity<String> formerAssignee = send(lead.owner, HttpMethod.POST, "/engine-rest/task/" + lead.task + "/complete",
                "{\"variables\": {\"qualified\": {\"value\": true}}}");
        assertThat(formerAssignee.getStatusCode().value()).as(formerAssignee.getBody()).isIn(403, 404);
        assertHealthy();
        complete(other, lead.task, "{\"qualified\": {\"value\": true}}").expect(204);
    }

    @Test
    void managerCannotReassignOutsideTheLineUnassignRedateOrWriteControlData() {
        Lead lead = qualifyingLead();
        Map<String, Object> before = single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD);
        String path = "/engine-rest/task/" + lead.task;
        assertThat(send("morgan", HttpMethod.POST, path + "/assignee", "{\"userId\": \"dana\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(send("morgan", HttpMethod.POST, path + "/assignee", "{\"userId\": \"ghost-nobody\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(send("morgan", HttpMethod.POST, path + "/assignee", "{\"userId\": \"admin\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(send("morgan", HttpMethod.POST, path + "/unclaim", "{}").getStatusCode().value()).isEqualTo(400);
        assertThat(send("admin", HttpMethod.POST, path + "/unclaim", "{}").getStatusCode().value()).isEqualTo(400);
        assertThat(send("morgan", HttpMethod.PUT, path, "{\"name\": \"Qualify lead\", \"due\": \"2099-01-01T00:00:00.000+0000\", \"assignee\": \""
                + lead.owner + "\"}").getStatusCode().is4xxClientError()).isTrue();
        assertThat(send("morgan", HttpMethod.PUT, path + "/variables/owner", "{\"value\": \"morgan\"}").getStatusCode().is4xxClientError()).isTrue();
        assertThat(send("dana", HttpMethod.POST, path + "/assignee", "{\"userId\": \"dana\"}").getStatusCode().is4xxClientError()).isTrue();
        assertThat(single(lead.id, LeadLifecycle.TASK_QUALIFY_LEAD)).containsEntry("assignee", lead.owner).containsEntry("due", before.get("due"));
        assertThat(ledger(lead.id)).hasSize(1);
        assertThat(variable(lead.id, LeadLifecycle.VAR_OWNER)).isEqualTo(lead.owner);
        assertHealthy();
    }

    @Test
    void grantsOfEarlierVersionsAreTightenedToWorkingAndAssigning() {
        Lead lead = qualifyingLead();
        // Grants as earlier versions wrote them: the assignee READ + UPDATE, managers READ + UPDATE + TASK_ASSIGN on every task.
        jdbc.update("update ACT_RU_AUTHORIZATION set PERMS_ = 6 where USER_ID_ = ? and RESOURCE_TYPE_ = 7 and RESOURCE_ID_ = ?", lead.owner, lead.task);
        jdbc.update("update ACT_RU_AUTHORIZATION set PERMS_ = 32774 where GROUP_ID_ = 'managers' and RESOURCE_TYPE_ = 7 and RESOURCE_ID_ = '*'");
        assertThat(send(lead.owner, HttpMethod.PUT, "/engine-rest/task/" + lead.task + "/variables/qualified", "{\"value\": true}")
                .getStatusCode().value()).as("the old grant let the rep write variables outside a completion").isEqualTo(204);

        engineAuthorizations.tightenGrants();

        assertThat(jdbc.queryForObject("select PERMS_ from ACT_RU_AUTHORIZATION where USER_ID_ = ? and RESOURCE_TYPE_ = 7 and RESOURCE_ID_ = ?",
                Integer.class, lead.owner, lead.task)).isEqualTo(2 | 16384);
        assertThat(jdbc.queryForObject("select PERMS_ from ACT_RU_AUTHORIZATION where GROUP_ID_ = 'managers' and RESOURCE_TYPE_ = 7 and RESOURCE_ID_ = '*'",
                Integer.class)).isEqualTo(2 | 32768);
        assertThat(send(lead.owner, HttpMethod.PUT, "/engine-rest/task/" + lead.task + "/variables/qualified", "{\"value\": false}")
                .getStatusCode().value()).isEqualTo(403);
        complete(lead.owner, lead.task, "{\"qualified\": {\"value\": true}}").expect(204);
    }

    // --- 8. Clean answers ----------------------------------------------------------------------

    @Test
    void theLoserOfTwoConcurrentCompletionsGetsAConflictNeverA500() throws Exception {
        for (int round = 0; round < 10; round++) {
            Lead lead = qualifyingLead();
            CyclicBarrier start = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Callable<ResponseEntity<String>> completion = () -> {
                    start.await();
                    return send(lead.owner, HttpMethod.POST, "/engine-rest/task/" + lead.task + "/complete",
                            "{\"variables\": {\"qualified\": {\"value\": true}}}");
                };
                Future<ResponseEntity<String>> first = pool.submit(completion);
                Future<ResponseEntity<String>> second = pool.submit(completion);
                List<Integer> statuses = List.of(first.get().getStatusCode().value(), second.get().getStatusCode().value());
                assertThat(statuses).as("%s / %s", first.get().getBody(), second.get().getBody()).containsExactlyInAnyOrder(204, 409);
                ResponseEntity<String> loser = first.get().getStatusCode().value() == 409 ? first.get() : second.get();
                assertThat(loser.getHeaders().getContentType().toString()).startsWith("application/problem+json");
                assertThat(loser.getBody()).doesNotContainIgnoringCase("sql").doesNotContain("Exception");
            } finally {
                pool.shutdownNow();
            }
            assertThat(tasksOf(lead.id)).extracting(t -> t.get("taskDefinitionKey")).containsExactly(HandoffProcess.TASK_PREPARE);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    record Lead(String id, String owner, String task) {
    }

    record Answer(ResponseEntity<String> response) {
        Answer expect(int status) {
            assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
            if (status >= 400) {
                assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            }
            return this;
        }

        void namesFields(String... fields) {
            for (String field : fields) {
                assertThat(response.getBody()).contains("\"field\":\"" + field + "\"");
            }
        }
    }

    protected TestRestTemplate as(String user) {
        return http.withBasicAuth(user, user);
    }

    protected ResponseEntity<String> send(String user, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    protected Answer complete(String user, String taskId, String variables) {
        return new Answer(send(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", "{\"variables\": " + variables + "}"));
    }

    /** A fresh lead waiting for qualification by its routed SDR. */
    protected Lead qualifyingLead() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> lead = as("mara").postForObject("/api/leads", new HttpEntity<>("""
                {"email": "surface-%s@example.com", "firstName": "Ines", "company": "Initech", "country": "DE", "source": "web", "employees": 80}"""
                .formatted(UUID.randomUUID()), headers), Map.class);
        String id = (String) lead.get("id");
        return new Lead(id, (String) lead.get("owner"), (String) single(id, LeadLifecycle.TASK_QUALIFY_LEAD).get("id"));
    }

    protected List<Map<String, Object>> tasksOf(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    protected Map<String, Object> single(String leadId, String key) {
        List<Map<String, Object>> tasks = tasksOf(leadId).stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).toList();
        assertThat(tasks).as("open %s of %s", key, leadId).hasSize(1);
        return tasks.get(0);
    }

    protected List<Map<String, Object>> ledger(String leadId) {
        return as("admin").getForObject("/api/leads/" + leadId + "/ownership", List.class);
    }

    protected String owner(String leadId) {
        return (String) as("admin").getForObject("/api/leads/" + leadId, Map.class).get("owner");
    }

    protected String leadStatus(String leadId) {
        return (String) as("admin").getForObject("/api/leads/" + leadId, Map.class).get("status");
    }

    protected Object variable(String leadId, String name) {
        List<Map<String, Object>> values = as("admin").getForObject("/engine-rest/variable-instance?variableName=" + name
                + "&processInstanceIdIn=" + String.join(",", runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list()
                .stream().map(p -> p.getId()).toList()), List.class);
        return values.isEmpty() ? null : values.get(0).get("value");
    }

    protected void fireTimer(String leadId, String activityId) {
        Job job = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list().stream()
                .flatMap(pi -> managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).timers().list().stream())
                .findFirst().orElseThrow();
        managementService.executeJob(job.getId());
    }

    protected void assertHealthy() {
        Map<String, Object> health = as("admin").getForObject("/api/health/ownership", Map.class);
        assertThat(health).containsEntry("leadsWithoutOwner", 0).containsEntry("unassignedTasks", 0).containsEntry("ownerMismatches", 0);
    }

    /** A browser-like session of Camunda's web apps: session cookie, CSRF token header, the app's own API. */
    static final class Webapp {

        private final HttpClient client;
        private final CookieManager cookies;
        private final int port;

        private Webapp(int port) {
            this.port = port;
            this.cookies = new CookieManager();
            this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
        }

        static Webapp login(int port, String user) throws IOException, InterruptedException {
            Webapp webapp = new Webapp(port);
            webapp.client.send(HttpRequest.newBuilder(webapp.uri("/camunda/app/tasklist/default/")).GET().build(), HttpResponse.BodyHandlers.discarding());
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
            HttpResponse<String> login = webapp.client.send(HttpRequest.newBuilder(webapp.uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", webapp.token())
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("webapp login of %s: %s", user, login.body()).isEqualTo(200);
            webapp.client.send(HttpRequest.newBuilder(webapp.uri("/camunda/api/engine/engine/default/task/count")).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return webapp;
        }

        ResponseEntity<String> send(String method, String path, String body) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .header("X-XSRF-TOKEN", token()).method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = new HttpHeaders();
            response.headers().map().forEach(headers::addAll);
            return new ResponseEntity<>(response.body(), headers, HttpStatus.valueOf(response.statusCode()));
        }

        private String token() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue)
                    .reduce((first, last) -> last).orElse("");
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
