package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.baton.escalation.EscalationLadder;
import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import io.baton.ownership.OwnershipHealth;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:insight-engine;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
@AutoConfigureObservability
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class InsightMetricsTest {

    @Autowired
    LeadIntake intake;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    MeterRegistry registry;
    @Autowired
    InsightGauges gauges;
    @Autowired
    OwnershipHealth health;
    @Autowired
    MockMvc mvc;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aLeadsJourneyMovesCaptureFirstTouchGateAndAcceptanceMetrics() {
        double captured = count(InsightMetrics.LEADS_CAPTURED);
        long touched = registry.get(InsightMetrics.FIRST_TOUCH_LAG).timer().count();
        Date start = new Date();
        ClockUtil.setCurrentTime(start);

        String lead = capture();
        assertThat(count(InsightMetrics.LEADS_CAPTURED)).isEqualTo(captured + 1);

        ClockUtil.setCurrentTime(new Date(start.getTime() + 20 * 60_000));
        complete(lead, LeadLifecycle.TASK_QUALIFY_LEAD, Map.of(LeadLifecycle.VAR_QUALIFIED, true));
        var firstTouch = registry.get(InsightMetrics.FIRST_TOUCH_LAG).timer();
        assertThat(firstTouch.count()).isEqualTo(touched + 1);
        assertThat(firstTouch.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(20 * 60);

        double rejections = registry.find(InsightMetrics.GATE_REJECTIONS).tag("handoff", "handoff-to-ae").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        complete(lead, HandoffProcess.TASK_PREPARE, Map.of("contactVerified", true, "needConfirmed", true,
                "budgetOrAuthorityIndicated", true, "nextMeetingBooked", false, "contextSummary", "Call booked"));
        assertThat(registry.get(InsightMetrics.GATE_REJECTIONS).tag("handoff", "handoff-to-ae").counter().count())
                .isEqualTo(rejections + 1);

        complete(lead, HandoffProcess.TASK_PREPARE, Map.of("contactVerified", true, "needConfirmed", true,
                "budgetOrAuthorityIndicated", true, "nextMeetingBooked", true, "contextSummary", "Call booked"));
        ClockUtil.setCurrentTime(new Date(start.getTime() + 50 * 60_000));
        complete(lead, HandoffProcess.TASK_ACCEPT, Map.of(HandoffProcess.VAR_ACCEPTED, true));
        var acceptance = registry.get(InsightMetrics.HANDOFF_ACCEPTANCE_LAG).tags("handoff", "handoff-to-ae", "outcome", "accepted").timer();
        assertThat(acceptance.count()).isGreaterThanOrEqualTo(1);
        assertThat(acceptance.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(30 * 60);
    }

    @Test
    void aLapsedFirstTouchCountsAsALevelOneEscalation() {
        double before = registry.get(InsightMetrics.ESCALATIONS).tag("level", "1").counter().count();
        String lead = capture();
        String instance = taskService.createTaskQuery().processInstanceBusinessKey(lead).singleResult().getProcessInstanceId();
        Job breach = managementService.createJobQuery().processInstanceId(instance)
                .activityId("timer_qualificationBreach").singleResult();

        managementService.executeJob(breach.getId());

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(EscalationProcess.TASK_REVIEW).count())
                .isEqualTo(1);
        assertThat(registry.get(InsightMetrics.ESCALATIONS).tag("level", "1").counter().count()).isEqualTo(before + 1);
    }

    @Test
    void prometheusShowsBatonMetricsIncludingOwnershipGapsFromTheDatabase() throws Exception {
        capture();
        gauges.refresh();
        OwnershipHealth.Report report = health.measure();

        String scrape = mvc.perform(get("/actuator/prometheus").header("Authorization", ReportQueriesContract.basic("admin", "admin")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(scrape).contains("baton_leads_captured_total", "baton_first_touch_lag_seconds_count",
                "baton_first_touch_lag_seconds_bucket", "baton_escalations_total{", "baton_open_leads{",
                "baton_ownership_gaps");
        assertThat(scrape).containsPattern("baton_open_leads\\{[^}]*stage=\"[^\"]+\"[^}]*} [1-9]");
        assertThat(scrape).containsPattern("(?m)^baton_ownership_gaps\\{[^}]*} " + (double) (report.leadsWithoutOwner() + report.ownerMismatches()) + "$");
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    private String capture() {
        return intake.capture(new LeadRequest(null, "m-" + UUID.randomUUID() + "@example.com", "M", "L", "Metrics Inc", "DE", "web", 10))
                .lead().getId();
    }

    private void complete(String lead, String taskKey, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(taskKey).singleResult();
        assertThat(task).as(taskKey + " of " + lead).isNotNull();
        taskService.complete(task.getId(), variables);
    }
}
