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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
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
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;

    final Map<String, String> leadIds = new HashMap<>();
    final Map<String, String> firstToucher = new HashMap<>();
    final Map<String, List<Long>> lifecycleLags = new HashMap<>();
    final Map<String, List<Long>> routingLags = new HashMap<>();

    @BeforeAll
    void buildData() {
        // Two leads whose first touch is done: lags of one hour and ten minutes.
        capture("F", "Fjord AB", NOW.minus(Duration.ofHours(5)));
        touch("F", NOW.minus(Duration.ofHours(4)));
        capture("E", "Elm GmbH", NOW.minus(Duration.ofHours(4)));
        touch("E", NOW.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(10)));
        // Data fixed an hour after capture, so routed then: first touch 30 minutes after routing,
        // 90 minutes after the lifecycle started.
        capture("G", null, NOW.minus(Duration.ofHours(6)));
        fixData("G", "Gneiss Oy", NOW.minus(Duration.ofHours(5)));
        touch("G", NOW.minus(Duration.ofHours(4)).minus(Duration.ofMinutes(30)));
        // Qualified 5 minutes after capture, checklist complete: waits for its receiver's acceptance (PT4H, in time).
        capture("H", "Hafnium AG", NOW.minus(Duration.ofMinutes(20)));
        qualifyAndHandOff("H", NOW.minus(Duration.ofMinutes(15)), NOW.minus(Duration.ofMinutes(10)));
        // Three untouched qualifications: 3h and 2.5h old (past their PT2H due date), 1h old (in time).
        capture("A", "Acme", NOW.minus(Duration.ofHours(3)));
        capture("B", "Bolt", NOW.minus(Duration.ofMinutes(150)));
        capture("C", "Cobalt", NOW.minus(Duration.ofHours(1)));
        // No company: goes to the data steward instead.
        capture("D", null, NOW.minus(Duration.ofMinutes(30)));

        // Sam let A's qualification lapse (morgan reviews), morgan let that review lapse (it climbed to
        // hana), alex let B's acceptance lapse (morgan reviews).
        escalation("A", 1, LeadLifecycle.TASK_QUALIFY_LEAD, "sam", "morgan");
        escalation("A", 2, LeadLifecycle.TASK_QUALIFY_LEAD, "sam", "hana");
        escalation("B", 1, HandoffProcess.TASK_ACCEPT, "alex", "morgan");
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
                Reports.Bottleneck::escalations, Reports.Bottleneck::severity).containsExactly(1L, 0L, 1L, Reports.Severity.ok);
        assertThat(byActivity.get(LeadLifecycle.TASK_NEEDS_ANALYSIS)).extracting(Reports.Bottleneck::open, Reports.Bottleneck::severity)
                .containsExactly(0L, Reports.Severity.idle);
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
            // H waits for its receiver and stays its sender's lead until accepted.
            assertThat(load.openLeads()).as(rep + " open leads").isEqualTo(open.size() + (rep.equals(sender("H")) ? 1 : 0));
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

        // First touch from the lifecycle's start: F 1h, E 10m, G 90m, H 5m, median per toucher.
        lifecycleLags.forEach((toucher, lags) -> assertThat(byOwner.get(toucher).medianFirstTouchLagSeconds())
                .as(toucher + " median first touch lag").isEqualTo(median(lags)));
        assertThat(byOwner.get("dana").medianFirstTouchLagSeconds()).isNull();
    }

    @Test
    void lapsesCountEscalationsAgainstWhoeverLetTheWorkLapseAndEscalationsStayWithTheReviewer() {
        Map<String, Reports.OwnerLoad> byOwner = reports.owners().stream()
                .collect(Collectors.toMap(Reports.OwnerLoad::owner, Function.identity()));

        // Sam's lapsed qualification: one lapse for sam, one of morgan's two escalations to review.
        assertThat(byOwner.get("sam")).extracting(Reports.OwnerLoad::lapses, Reports.OwnerLoad::escalations).containsExactly(1L, 0L);
        // Morgan's lapsed review climbed to hana: a lapse for morgan, an escalation for hana.
        assertThat(byOwner.get("morgan")).extracting(Reports.OwnerLoad::lapses, Reports.OwnerLoad::escalations).containsExactly(1L, 2L);
        assertThat(byOwner.get("hana")).extracting(Reports.OwnerLoad::lapses, Reports.OwnerLoad::escalations).containsExactly(0L, 1L);
        assertThat(byOwner.get("alex")).extracting(Reports.OwnerLoad::lapses, Reports.OwnerLoad::escalations).containsExactly(1L, 0L);
        assertThat(byOwner.get("sofia").lapses()).isZero();
    }

    @Test
    void todayListsOverdueWorkAndWaitingHandoffsLeadByLeadWithNamesAndInstances() {
        Reports.Glance glance = reports.today(ZoneOffset.UTC);

        assertThat(glance.asOf()).isEqualTo(NOW);
        assertThat(glance.startOfDay()).isEqualTo(NOW.truncatedTo(ChronoUnit.DAYS));
        assertThat(glance.overdue()).extracting(Reports.WaitingTask::leadId).containsExactly(leadIds.get("A"), leadIds.get("B"));
        Reports.WaitingTask a = glance.overdue().get(0);
        Task taskA = taskService.createTaskQuery().processInstanceBusinessKey(leadIds.get("A")).singleResult();
        assertThat(a.processInstanceId()).isEqualTo(taskA.getProcessInstanceId());
        assertThat(a.lead()).isEqualTo("Acme — A Tester");
        assertThat(a).extracting(Reports.WaitingTask::processKey, Reports.WaitingTask::activityId, Reports.WaitingTask::activityName,
                Reports.WaitingTask::assignee, Reports.WaitingTask::assigneeName, Reports.WaitingTask::overdueSeconds, Reports.WaitingTask::waitingSeconds)
                .containsExactly(LeadLifecycle.KEY, LeadLifecycle.TASK_QUALIFY_LEAD, "Qualify lead", taskA.getAssignee(),
                        displayName(taskA.getAssignee()), 3600L, 3 * 3600L);

        Task accept = taskService.createTaskQuery().processInstanceBusinessKey(leadIds.get("H"))
                .taskDefinitionKeyLike(HandoffProcess.TASK_ACCEPT + "%").singleResult();
        assertThat(glance.handoffsWaiting()).singleElement().satisfies(h -> {
            assertThat(h.leadId()).isEqualTo(leadIds.get("H"));
            assertThat(h.lead()).isEqualTo("Hafnium AG — H Tester");
            assertThat(h.processKey()).isEqualTo(HandoffProcess.KEY);
            assertThat(h.processInstanceId()).isEqualTo(accept.getProcessInstanceId()).isNotEqualTo(instanceOf("H"));
            assertThat(h.assignee()).isEqualTo(accept.getAssignee()).isIn("alex", "ava");
            assertThat(h.assigneeName()).isEqualTo(displayName(accept.getAssignee())).isNotEqualTo(accept.getAssignee());
            assertThat(h.waitingSeconds()).isEqualTo(600);
            assertThat(h.overdueSeconds()).isZero();
        });

        Map<String, Reports.GlancePerson> byPerson = glance.people().stream()
                .collect(Collectors.toMap(Reports.GlancePerson::person, Function.identity()));
        Map<String, List<Task>> openByAssignee = taskService.createTaskQuery().list().stream()
                .collect(Collectors.groupingBy(Task::getAssignee));
        for (String rep : List.of("sam", "sofia")) {
            long overdue = openByAssignee.getOrDefault(rep, List.of()).stream().filter(t -> t.getDueDate().toInstant().isBefore(NOW)).count();
            assertThat(byPerson.get(rep).overdue()).as(rep + " overdue").isEqualTo(overdue);
            assertThat(byPerson.get(rep).name()).isEqualTo(displayName(rep));
        }
        assertThat(byPerson.get(accept.getAssignee()).handoffsWaiting()).isEqualTo(1);
        // Breaches today, against whoever let the work lapse: sam (A), morgan (A's review), alex (B).
        assertThat(glance.breachesToday()).isEqualTo(3);
        assertThat(byPerson.get("sam").breachesToday()).isEqualTo(1);
        assertThat(byPerson.get("morgan").breachesToday()).isEqualTo(1);
        assertThat(byPerson.get("alex").breachesToday()).isEqualTo(1);
        assertThat(byPerson.get("hana").breachesToday()).isZero();
        // First touch from routing: F 1h, E 10m, G 30m (routed when its data was fixed), H 5m.
        routingLags.forEach((toucher, lags) -> {
            assertThat(byPerson.get(toucher).medianFirstTouchSeconds()).as(toucher + " first touch").isEqualTo(median(lags));
            assertThat(byPerson.get(toucher).firstTouches()).isEqualTo(lags.size());
        });
        assertThat(byPerson.get("dana")).extracting(Reports.GlancePerson::medianFirstTouchSeconds, Reports.GlancePerson::firstTouches)
                .containsExactly(null, 0L);
        // Idle people are listed too, after everyone with overdue work.
        assertThat(glance.people().get(0).overdue()).isPositive();
    }

    @Test
    void breachesOfEarlierDaysAreNotToday() {
        try {
            ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofDays(1))));
            Reports.Glance tomorrow = reports.today(ZoneId.of("Europe/Berlin"));
            assertThat(tomorrow.breachesToday()).isZero();
            assertThat(tomorrow.people()).allSatisfy(p -> assertThat(p.breachesToday()).isZero());
            assertThat(tomorrow.zone()).isEqualTo("Europe/Berlin");
        } finally {
            ClockUtil.setCurrentTime(Date.from(NOW));
        }
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
                .andExpect(jsonPath("$[0].handoffsRejected").exists())
                .andExpect(jsonPath("$[?(@.owner == 'sam')].lapses").value(Matchers.contains(1)))
                .andExpect(jsonPath("$[?(@.owner == 'sam')].escalations").value(Matchers.contains(0)));
        mvc.perform(get("/api/reports/today").param("zone", "Europe/Berlin").header("Authorization", basic("morgan", "morgan")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zone").value("Europe/Berlin"))
                .andExpect(jsonPath("$.breachesToday").value(3))
                .andExpect(jsonPath("$.overdue[0].leadId").value(leadIds.get("A")))
                .andExpect(jsonPath("$.overdue[0].processInstanceId").value(instanceOf("A")))
                .andExpect(jsonPath("$.overdue[0].assigneeName").exists())
                .andExpect(jsonPath("$.handoffsWaiting[0].leadId").value(leadIds.get("H")))
                .andExpect(jsonPath("$.people[?(@.person == 'sam')].name").value(Matchers.contains(displayName("sam"))))
                .andExpect(jsonPath("$.people[?(@.person == 'dana')].medianFirstTouchSeconds").value(Matchers.contains((Object) null)));
        mvc.perform(get("/api/reports/today").param("zone", "Mars/Olympus").header("Authorization", basic("morgan", "morgan")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("zone"));
        mvc.perform(get("/api/reports/today").header("Authorization", basic("sam", "sam")))
                .andExpect(status().isForbidden());
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
        record(name, task.getAssignee(), at);
        taskService.complete(task.getId(), Map.of(LeadLifecycle.VAR_QUALIFIED, false, LeadLifecycle.VAR_DISQUALIFY_REASON, "no budget"));
    }

    private void escalation(String lead, int level, String task, String lapsedBy, String reviewer) {
        jdbc.update("""
                insert into baton_escalation (lead_id, breach_id, level, escalated_task, lapsed_by, reviewer, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", leadIds.get(lead), leadIds.get(lead) + "#" + task, level, task, lapsedBy, reviewer,
                Timestamp.from(NOW));
    }

    private void fixData(String name, String company, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(leadIds.get(name))
                .taskDefinitionKey(LeadLifecycle.TASK_FIX_LEAD_DATA).singleResult();
        taskService.complete(task.getId(), Map.of(LeadLifecycle.VAR_COMPANY, company, LeadLifecycle.VAR_COUNTRY, "DE",
                LeadLifecycle.VAR_EMAIL, jdbc.queryForObject("select email from baton_lead where id = ?", String.class, leadIds.get(name))));
    }

    private void qualifyAndHandOff(String name, Instant qualifiedAt, Instant handedOffAt) {
        ClockUtil.setCurrentTime(Date.from(qualifiedAt));
        String lead = leadIds.get(name);
        Task qualify = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD)
                .singleResult();
        record(name, qualify.getAssignee(), qualifiedAt);
        taskService.complete(qualify.getId(), Map.of(LeadLifecycle.VAR_QUALIFIED, true));
        ClockUtil.setCurrentTime(Date.from(handedOffAt));
        Task prepare = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(HandoffProcess.TASK_PREPARE)
                .singleResult();
        taskService.complete(prepare.getId(), Map.of("contactVerified", true, "needConfirmed", true, "budgetOrAuthorityIndicated", true,
                "nextMeetingBooked", true, "contextSummary", "Pilot in Q3"));
    }

    /** Records a first touch's lags from the lifecycle's start and from routing (the first qualifyLead's creation). */
    private void record(String name, String toucher, Instant at) {
        String instance = instanceOf(name);
        Instant started = historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getStartTime().toInstant();
        Instant routed = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance)
                .taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD).orderByHistoricActivityInstanceStartTime().asc().list().get(0)
                .getStartTime().toInstant();
        firstToucher.put(name, toucher);
        lifecycleLags.computeIfAbsent(toucher, k -> new ArrayList<>()).add(Duration.between(started, at).getSeconds());
        routingLags.computeIfAbsent(toucher, k -> new ArrayList<>()).add(Duration.between(routed, at).getSeconds());
    }

    private String instanceOf(String name) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadIds.get(name))
                .processDefinitionKey(LeadLifecycle.KEY).singleResult().getId();
    }

    private String sender(String name) {
        return firstToucher.get(name);
    }

    private String displayName(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return (user.getFirstName() + " " + user.getLastName()).strip();
    }

    /** The median as percentile_cont(0.5) computes it, rounded to whole seconds. */
    static Long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return Math.round(median);
    }

    private void handoffEvent(String lead, String kind, String actor) {
        jdbc.update("""
                insert into baton_handoff_event (lead_id, handoff, kind, actor, process_definition, occurred_at)
                values (?, 'handoff-to-ae', ?, ?, 'lead-handoff:1', ?)""", leadIds.get(lead), kind, actor, Timestamp.from(NOW));
    }
}
