package io.baton.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadLifecycle;
import io.baton.testing.ApiContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.spring.boot.starter.SpringBootProcessApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 17, item 1: a designer deploys one decision or one form from Modeler — here, as Modeler
 * does, one file through {@code POST /engine-rest/deployment/create} as admin — and the next lead
 * gets it, without the diagrams or the other files being deployed again. An open task keeps the
 * form it was created with, and Baton's own checks judge that version. A restart deploys only what
 * changed in the packaged files, so a designer's newer decision stays in force. A decision answer
 * Baton cannot use sends the lead to the steward with an incident naming the rule.
 */
@SuppressWarnings({"unchecked", "rawtypes"})
public abstract class SingleFileDeploymentContract extends ApiContract {

    private static final String FULL_AE_CHECKLIST = """
            {"contactVerified": {"value": true}, "needConfirmed": {"value": true}, "budgetOrAuthorityIndicated": {"value": true},
             "nextMeetingBooked": {"value": true}, "contextSummary": {"value": "Pilot in Q3"}}""";

    private final ObjectMapper json = new ObjectMapper();
    private final List<String> designerDeployments = new ArrayList<>();

    @Autowired
    SpringBootProcessApplication processApplication;

    @AfterEach
    void packagedFilesInForceAgain() {
        ClockUtil.reset();
        for (String id : designerDeployments) {
            as("admin").delete("/engine-rest/deployment/" + id + "?cascade=true");
        }
        designerDeployments.clear();
    }

    @Test
    void aRoutingTableDeployedAloneRoutesTheNextLead() throws Exception {
        long definitionsBefore = count("select count(*) from ACT_RE_PROCDEF");
        assertThat(owner(capture("DE", "web", 120))).as("packaged table: EMEA goes to sdr").isNotEqualTo("eli");

        JsonNode deployment = deploy("lead-routing.dmn", packaged("lead-routing.dmn")
                .replace("<outputEntry id=\"out_emea\"><text>\"sdr\"</text>", "<outputEntry id=\"out_emea\"><text>\"sdr-enterprise\"</text>"));

        assertThat(deployment.path("deployedDecisionDefinitions").size()).as("the decision alone").isEqualTo(1);
        assertThat(deployment.path("deployedProcessDefinitions").isNull() || deployment.path("deployedProcessDefinitions").isEmpty()).isTrue();
        assertThat(count("select count(*) from ACT_RE_PROCDEF")).as("no diagram deployed again").isEqualTo(definitionsBefore);
        assertThat(owner(capture("DE", "web", 120))).as("the next EMEA lead goes to the enterprise team").isEqualTo("eli");
    }

    @Test
    void anSlaTableDeployedAloneSetsTheNextLeadsDueDate() throws Exception {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        assertThat(due(capture("DE", "demo-request", 40))).as("packaged table: PT15M").isEqualTo(now.plus(Duration.ofMinutes(15)));

        deploy("sla-policy.dmn", packaged("sla-policy.dmn").replace("\"PT15M\"", "\"PT5M\""));

        assertThat(due(capture("DE", "demo-request", 40))).as("the designer's PT5M").isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(due(capture("DE", "web", 40))).as("no row: baton.sla.first-touch").isEqualTo(now.plus(Duration.ofHours(2)));
    }

    @Test
    void aChecklistFormDeployedAloneReachesTheNextTaskWhileTheOpenOneKeepsItsOwn() throws Exception {
        String before = capture("DE", "web", 120);
        complete(task(before, LeadLifecycle.TASK_QUALIFY_LEAD), "{\"qualified\": {\"value\": true}}");
        String openPrepare = task(before, HandoffProcess.TASK_PREPARE);

        deploy("handoff-to-ae.form", withChecklistItem(packaged("handoff-to-ae.form"), "pricingShared", "Pricing shared"));

        String after = capture("DE", "web", 120);
        complete(task(after, LeadLifecycle.TASK_QUALIFY_LEAD), "{\"qualified\": {\"value\": true}}");
        String newPrepare = task(after, HandoffProcess.TASK_PREPARE);

        assertThat(deployedForm(openPrepare)).as("the open task shows the form it was created with").doesNotContain("pricingShared");
        assertThat(deployedForm(newPrepare)).as("the next task shows the designer's form").contains("pricingShared");

        ResponseEntity<String> unknownAnswer = send(HttpMethod.POST, "/engine-rest/task/" + openPrepare + "/complete",
                "{\"variables\": {\"pricingShared\": {\"value\": true}}}");
        assertThat(unknownAnswer.getStatusCode().value()).as("not a field of the open task's form: " + unknownAnswer.getBody()).isEqualTo(400);
        assertThat(unknownAnswer.getBody()).contains("pricingShared");

        complete(openPrepare, FULL_AE_CHECKLIST);
        assertThat(tasks(before)).as("the gate judged the open task's own checklist: complete").contains(HandoffProcess.TASK_ACCEPT);

        complete(newPrepare, FULL_AE_CHECKLIST);
        assertThat(tasks(after)).as("the new checklist has one more item").contains(HandoffProcess.TASK_PREPARE)
                .doesNotContain(HandoffProcess.TASK_ACCEPT);
        assertThat(variable(after, HandoffProcess.VAR_MISSING_ITEMS)).isEqualTo("pricingShared");
    }

    @Test
    void aRestartDeploysNothingUnchangedAndLeavesTheDesignersDecisionInForce() throws Exception {
        deploy("lead-routing.dmn", packaged("lead-routing.dmn")
                .replace("<outputEntry id=\"out_emea\"><text>\"sdr\"</text>", "<outputEntry id=\"out_emea\"><text>\"sdr-enterprise\"</text>"));
        long deployments = count("select count(*) from ACT_RE_DEPLOYMENT");
        long resources = count("select count(*) from ACT_GE_BYTEARRAY where DEPLOYMENT_ID_ is not null");

        // What a start does to the models: the process application deploys its archive again.
        processApplication.undeploy();
        processApplication.deploy();

        assertThat(count("select count(*) from ACT_RE_DEPLOYMENT")).as("nothing changed, nothing deployed").isEqualTo(deployments);
        assertThat(count("select count(*) from ACT_GE_BYTEARRAY where DEPLOYMENT_ID_ is not null")).isEqualTo(resources);
        assertThat(owner(capture("DE", "web", 120))).as("the designer's table still routes").isEqualTo("eli");
    }

    @Test
    void aRoutingAnswerNamingNoTeamSendsTheLeadToTheStewardWithAnIncidentNamingTheRule() throws Exception {
        deploy("lead-routing.dmn", packaged("lead-routing.dmn")
                .replace("<outputEntry id=\"out_fallback\"><text>\"sdr\"</text>", "<outputEntry id=\"out_fallback\"><text>\"sdr-apac\"</text>"));

        ResponseEntity<Map> captured = as("admin").postForEntity("/api/leads", json(lead("JP", "web", 50)), Map.class);

        assertThat(captured.getStatusCode().value()).as("the intake does not fail").isEqualTo(201);
        String leadId = (String) captured.getBody().get("id");
        assertThat(captured.getBody()).containsEntry("owner", "hana");
        assertThat(assignee(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD))).isEqualTo("hana");
        String incident = incidentMessage(leadId);
        assertThat(incident).contains("rule 'rule_fallback'", "lead-routing", "'sdr-apac'");
        assertThat(stewardTasks()).anySatisfy(task -> assertThat(task).contains("rule_fallback"));
    }

    @Test
    void anSlaAnswerThatIsNoDurationKeepsTheDefaultAndTellsTheStewardWhichRule() throws Exception {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        deploy("sla-policy.dmn", packaged("sla-policy.dmn").replace("\"PT15M\"", "\"15 minutes\""));

        String leadId = capture("DE", "demo-request", 40);

        assertThat(due(leadId)).as("baton.sla.first-touch").isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(owner(leadId)).isNotEqualTo("hana");
        assertThat(incidentMessage(leadId)).contains("rule 'rule_demoRequest'", "sla-policy", "'15 minutes'");
        assertThat(stewardTasks()).anySatisfy(task -> assertThat(task).contains("rule_demoRequest"));
    }

    // --- helpers

    private JsonNode deploy(String fileName, String content) throws Exception {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "designer-" + fileName);
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("deploy-changed-only", "false");
        parts.add("data", new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = as("admin").postForEntity("/engine-rest/deployment/create", new HttpEntity<>(parts, headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode deployment = json.readTree(response.getBody());
        designerDeployments.add(deployment.path("id").asText());
        return deployment;
    }

    /** The form with one more checkbox, before the last checkbox: one more gate item. */
    private String withChecklistItem(String form, String key, String label) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(form);
        com.fasterxml.jackson.databind.node.ArrayNode components = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("components");
        int at = 0;
        for (int i = 0; i < components.size(); i++) {
            if ("checkbox".equals(components.get(i).path("type").asText())) {
                at = i;
            }
        }
        components.insert(at, json.createObjectNode().put("type", "checkbox").put("key", key).put("label", label)
                .put("id", "Field_handoff_to_ae_" + key));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static String packaged(String fileName) throws Exception {
        return Files.readString(Path.of("processes", fileName));
    }

    private static String lead(String country, String source, int employees) {
        return """
                {"email": "single-file-%s@example.com", "firstName": "Ann", "company": "Acme", "country": "%s", "source": "%s", "employees": %d}"""
                .formatted(UUID.randomUUID(), country, source, employees);
    }

    private String capture(String country, String source, int employees) {
        ResponseEntity<Map> captured = as("mara").postForEntity("/api/leads", json(lead(country, source, employees)), Map.class);
        assertThat(captured.getStatusCode().value()).as(String.valueOf(captured.getBody())).isEqualTo(201);
        return (String) captured.getBody().get("id");
    }

    private String owner(String leadId) {
        return (String) as("admin").getForObject("/api/leads/" + leadId, Map.class).get("owner");
    }

    private List<Map<String, Object>> openTasks(String leadId) {
        return as("admin").getForObject("/engine-rest/task?processInstanceBusinessKey=" + leadId, List.class);
    }

    private List<String> tasks(String leadId) {
        return openTasks(leadId).stream().map(t -> (String) t.get("taskDefinitionKey")).toList();
    }

    private String task(String leadId, String key) {
        List<Map<String, Object>> matching = openTasks(leadId).stream().filter(t -> key.equals(t.get("taskDefinitionKey"))).toList();
        assertThat(matching).as("open %s of %s", key, leadId).hasSize(1);
        return (String) matching.get(0).get("id");
    }

    private String assignee(String taskId) {
        return (String) as("admin").getForObject("/engine-rest/task/" + taskId, Map.class).get("assignee");
    }

    private Instant due(String leadId) {
        return jdbc.queryForObject("select DUE_DATE_ from ACT_RU_TASK where ID_ = ?", java.sql.Timestamp.class,
                task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD)).toInstant();
    }

    private ResponseEntity<String> send(HttpMethod method, String path, String body) {
        return as("admin").exchange(path, method, body == null ? null : json(body), String.class);
    }

    private void complete(String taskId, String variables) {
        ResponseEntity<String> completed = send(HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", "{\"variables\": " + variables + "}");
        assertThat(completed.getStatusCode().value()).as(completed.getBody()).isEqualTo(204);
    }

    private String deployedForm(String taskId) {
        ResponseEntity<String> form = as("admin").getForEntity("/engine-rest/task/" + taskId + "/deployed-form", String.class);
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(200);
        return form.getBody();
    }

    private Object variable(String leadId, String name) {
        String instance = jdbc.queryForObject("select ID_ from ACT_RU_EXECUTION where BUSINESS_KEY_ = ? and PROC_DEF_ID_ like ? and PARENT_ID_ is null",
                String.class, leadId, HandoffProcess.KEY + ":%");
        return as("admin").getForObject("/engine-rest/process-instance/" + instance + "/variables/" + name, Map.class).get("value");
    }

    private String incidentMessage(String leadId) {
        String instance = jdbc.queryForObject("select ID_ from ACT_RU_EXECUTION where BUSINESS_KEY_ = ? and PROC_DEF_ID_ like ? and PARENT_ID_ is null",
                String.class, leadId, LeadLifecycle.KEY + ":%");
        List<Map<String, Object>> incidents = as("admin").getForObject("/engine-rest/incident?processInstanceId=" + instance
                + "&incidentType=" + Decisions.INCIDENT_TYPE, List.class);
        assertThat(incidents).as("one incident for the lead").hasSize(1);
        return (String) incidents.get(0).get("incidentMessage");
    }

    private List<String> stewardTasks() {
        List<Map<String, Object>> tasks = as("admin").getForObject("/engine-rest/task?assignee=hana&nameLike=Resolve%", List.class);
        return tasks.stream().map(t -> t.get("name") + " " + t.get("description")).toList();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
