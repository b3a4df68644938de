package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The report figures against data built for the purpose: leads captured at known engine times,
 * first touches completed at known times, escalation and rejection evidence written directly.
 * Subclasses run the same checks on H2 and on PostgreSQL.
 */
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportQueriesContract {

    /** Report time: whole seconds, so ages are exact. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    LeadIntake intake;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Reports reports;
    @Autowired
    MockMvc mvc;

    final Map<String, String> leadIds = new HashMap<>();
    final Map<String, String> firstToucher = new HashMap<>();

    @BeforeAll
    void buildData() {
        // Two leads whose first touch is done: lags of one hour and ten minutes.
        capture("F", "Fjord AB", NOW.minus(Duration.ofHours(5)));
        touch("F", NOW.minus(Duration.ofHours(4)));
        capture("E", "Elm GmbH", NOW.minus(Duration.ofHours(4)));
        touch("E", NOW.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(10)));
        // Three untouched qualifications: 3h and 2.5h old (past their PT2H due date), 1h old (in time).
        capture("A", "Acme", NOW.minus(Duration.ofHours(3)));
        capture("B", "Bolt", NOW.minus(Duration.ofMinutes(150)));
        capture("C", "Cobalt", NOW.minus(Duration.ofHours(1)));
        // No company: goes to the data steward instead.
        capture("D", null, NOW.minus(Duration.ofMinutes(30)));

        escalation("A", 1, LeadLifecycle.TASK_QUALIFY_LEAD, "morgan");
        escalation("A", 2, LeadLifecycle.TASK_QUALIFY_LEAD, "hana");
        escalation("B", 1, HandoffProcess.TASK_ACCEPT, "morgan");
        handoffEvent("A", "REJECTED", "alex");
        handoffEvent("B", "REJECTED", "alex");
        handoffEvent("C", "ACCEPTED", "ava");
        ClockUtil.setCurrentTime(Date.from(NOW));
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void bottlenecksCountOpenTasksAgesAndBreachesPerUserTask() {
        Map<String, Reports.Bottleneck> byActivity = reports.bottlenecks().stream()
                .collect(Collectors.toMap(Reports.Bottleneck::activityId, Function.identity()));

        assertThat(byActivity.get(LeadLifecycle.TASK_QUALIFY_LEAD)).isEqualTo(new Reports.Bottleneck(
                LeadLifecycle.TASK_QUALIFY_LEAD, "Qualify lead", LeadLifecycle.KEY, 3, 3 * 3600, 150 * 60, 2, 2,
                Reports.Severity.critical));
        assertThat(byActivity.get(LeadLifecycle.TASK_FIX_LEAD_DATA)).isEqualTo(new Reports.Bottleneck(
                LeadLifecycle.TASK_FIX_LEAD_DATA, "Fix lead data", LeadLifecycle.KEY, 1, 1800, 1800, 0, 0, Reports.Severity.ok));
        assertThat(byActivity.get(HandoffProcess.TASK_ACCEPT)).extracting(Reports.Bottleneck::open, Reports.Bottleneck::breached,
                Reports.Bottleneck::escalations, Reports.Bottleneck::severity).containsExactly(0L, 0L, 1L, Reports.Severity.idle);
        assertThat(byActivity).containsKeys(HandoffProcess.TASK_PREPARE, EscalationProcess.TASK_REVIEW, LeadLifecycle.TASK_NEGOTIATE);
    }

    @Test
    void ownersCarryTheirLeadsTasksOverdueWorkEscalationsAndRejections() {
        Map<String, Reports.OwnerLoad> byOwner = reports.owners().stream()
                .collect(Collectors.toMap(Reports.OwnerLoad::owner, Function.identity()));
        Map<String, List<Task>> openByAssignee = taskService.createTaskQuery().list().stream()
                .collect(Collectors.groupingBy(Task::getAssignee));

        for (String rep : List.of("sam", "sofia")) {
            List<Task> open = openByAssignee.getOrDefault(rep, List.of());
            long overdue = open.stream().filter(t -> t.getDueDate().toInstant().isBefore(NOW)).count();
            Reports.OwnerLoad load = byOwner.get(rep);
            assertThat(load.openTasks()).as(rep + " open tasks").isEqualTo(open.size());
            assertThat(load.openLeads()).as(rep + " open leads").isEqualTo(open.size());
            assertThat(load.overdue()).as(rep + " overdue").isEqualTo(overdue);
        }
        assertThat(byOwner.get("sam").openTasks() + byOwner.get("sofia").openTasks()).isEqualTo(3);
        assertThat(byOwner.get("sam").overdue() + byOwner.get("sofia").overdue()).isEqualTo(2);
        assertThat(byOwner.get("mara")).extracting(Reports.OwnerLoad::openLeads, Reports.OwnerLoad::openTasks, Reports.OwnerLoad::overdue)
                .containsExactly(1L, 1L, 0L);

        assertThat(byOwner.get("morgan").escalations()).isEqualTo(2);
        assertThat(byOwner.get("hana").escalations()).isEqualTo(1);
        assertThat(byOwner.get("alex").handoffsRejected()).isEqualTo(2);
        assertThat(byOwner.get("ava").handoffsRejected()).isZero();

        String touchedF = firstToucher.get("F");
        String touchedE = firstToucher.get("E");
        if (touchedF.equals(touchedE)) {
            assertThat(byOwner.get(touchedF).medianFirstTouchLagSeconds()).isEqualTo((3600 + 600) / 2);
        } else {
            assertThat(byOwner.get(touchedF).medianFirstTouchLagSeconds()).isEqualTo(3600);
            assertThat(byOwner.get(touchedE).medianFirstTouchLagSeconds()).isEqualTo(600);
        }
        assertThat(byOwner.get("dana").medianFirstTouchLagSeconds()).isNull();
    }

    @Test
    void stalledLeadsNameTheAccountableOwnerMostOverdueFirst() {
        List<Reports.StalledLead> stalled = reports.stalled(50);

        assertThat(stalled).extracting(Reports.StalledLead::leadId).containsExactly(leadIds.get("A"), leadIds.get("B"));
        assertThat(stalled.get(0).owner()).isEqualTo(stalled.get(0).assignee()).isIn("sam", "sofia");
        assertThat(stalled.get(0).overdueSeconds()).isEqualTo(3600);
        assertThat(stalled.get(1).overdueSeconds()).isEqualTo(1800);
    }

    @Test
    void managersReadReportsWithTheContractKeysAndRepsAreRefused() throws Exception {
        mvc.perform(get("/api/reports/bottlenecks").header("Authorization", basic("morgan", "morgan")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.activityId == 'qualifyLead')].open").value(3))
                .andExpect(jsonPath("$[0].activityId").exists())
                .andExpect(jsonPath("$[0].name").exists())
                .andExpect(jsonPath("$[0].oldestAgeSeconds").exists())
                .andExpect(jsonPath("$[0].medianAgeSeconds").exists())
                .andExpect(jsonPath("$[0].breached").exists())
                .andExpect(jsonPath("$[0].escalations").exists());
        mvc.perform(get("/api/reports/owners").header("Authorization", basic("admin", "admin")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.owner == 'dana')].medianFirstTouchLagSeconds").value(Matchers.contains((Object) null)))
                .andExpect(jsonPath("$[0].owner").exists())
                .andExpect(jsonPath("$[0].openLeads").exists())
                .andExpect(jsonPath("$[0].openTasks").exists())
                .andExpect(jsonPath("$[0].overdue").exists())
                .andExpect(jsonPath("$[0].escalations").exists())
                .andExpect(jsonPath("$[0].handoffsRejected").exists());
        mvc.perform(get("/api/reports/owners").header("Authorization", basic("sam", "sam")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/reports/bottlenecks.svg").header("Authorization", basic("sam", "sam")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/reports/bottlenecks"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void bottleneckPictureDrawsTheLifecycleWithTheOverlay() throws Exception {
        String svg = mvc.perform(get("/api/reports/bottlenecks.svg").header("Authorization", basic("hana", "hana")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"))
                .andReturn().getResponse().getContentAsString();

        assertThat(svg).startsWith("<?xml").contains("<svg")
                .contains("data-element-id=\"stage_qualification\"", "data-element-id=\"callActivity_handoffToAe\"",
                        "data-element-id=\"flow_qualified\"")
                .contains("class=\"baton-overlay\" data-activity=\"qualifyLead\" data-open=\"3\" data-breached=\"2\" data-severity=\"critical\"")
                .contains("3 open · oldest 3h · 2 breached");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private void capture(String name, String company, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        String email = name.toLowerCase() + "-" + at.toEpochMilli() + "@example.com";
        var lead = intake.capture(new LeadRequest(null, email, name, "Tester", company, "DE", "web", 50)).lead();
        leadIds.put(name, lead.getId());
    }

    private void touch(String name, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(leadIds.get(name))
                .taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD).singleResult();
        firstToucher.put(name, task.getAssignee());
        taskService.complete(task.getId(), Map.of(LeadLifecycle.VAR_QUALIFIED, false, LeadLifecycle.VAR_DISQUALIFY_REASON, "no budget"));
    }

    private void escalation(String lead, int level, String task, String reviewer) {
        jdbc.update("""
                insert into baton_escalation (lead_id, breach_id, level, escalated_task, lapsed_by, reviewer, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", leadIds.get(lead), leadIds.get(lead) + "#" + task, level, task, "sam", reviewer,
                Timestamp.from(NOW));
    }

    private void handoffEvent(String lead, String kind, String actor) {
        jdbc.update("""
                insert into baton_handoff_event (lead_id, handoff, kind, actor, process_definition, occurred_at)
                values (?, 'handoff-to-ae', ?, ?, 'lead-handoff:1', ?)""", leadIds.get(lead), kind, actor, Timestamp.from(NOW));
    }
}
