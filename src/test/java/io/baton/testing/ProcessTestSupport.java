package io.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.Lead;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadRequest;
import io.baton.lead.TaskFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Process tests run the real diagrams on the real Spring context (in-memory H2, demo team), with
 * the job executor off: timers are fired by activity id, never waited for.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:baton-process;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestSupport {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    protected ProcessEngine processEngine;
    @Autowired
    protected RuntimeService runtimeService;
    @Autowired
    protected TaskService taskService;
    @Autowired
    protected ManagementService managementService;
    @Autowired
    protected LeadIntake intake;
    @Autowired
    protected LeadRepository leads;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected TaskFacts taskFacts;

    @BeforeEach
    void initAssertions() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    protected static String uniqueEmail() {
        return "lead" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    }

    protected String captureReadyLead() {
        return intake.capture(new LeadRequest(null, uniqueEmail(), "Jo", "Buyer", "Acme GmbH", "DE", "web", 120)).lead().getId();
    }

    protected String captureLeadWithoutCompany() {
        return intake.capture(new LeadRequest(null, uniqueEmail(), "Jo", "Buyer", null, "US", "event", null)).lead().getId();
    }

    protected Lead lead(String leadId) {
        return leads.findById(leadId).orElseThrow();
    }

    protected ProcessInstance lifecycle(String leadId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId)
                .processDefinitionKey(LeadLifecycle.KEY).singleResult();
    }

    protected Task task(String leadId, String taskKey) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(taskKey).list();
        assertThat(tasks).as("open %s tasks of lead %s", taskKey, leadId).hasSize(1);
        return tasks.get(0);
    }

    protected List<Task> openTasks(String leadId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(leadId).list();
    }

    protected void complete(String leadId, String taskKey, Map<String, Object> variables) {
        taskService.complete(task(leadId, taskKey).getId(), variables);
    }

    /** Fires the timer job of a boundary or intermediate event of any of the lead's processes. */
    protected void fireTimer(String leadId, String activityId) {
        Job job = timer(leadId, activityId);
        assertThat(job).as("timer %s of lead %s", activityId, leadId).isNotNull();
        managementService.executeJob(job.getId());
    }

    protected Job timer(String leadId, String activityId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list().stream()
                .flatMap(pi -> managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).timers().list().stream())
                .findFirst().orElse(null);
    }

    protected long jobsOfLead(String leadId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(leadId).list().stream()
                .mapToLong(pi -> managementService.createJobQuery().processInstanceId(pi.getId()).count()).sum();
    }

    protected List<Map<String, Object>> ledger(String leadId) {
        return jdbc.queryForList("select owner, valid_from, valid_to, reason, actor from baton_ownership_period where lead_id = ? order by valid_from, id", leadId);
    }

    /** The invariant after every step: contiguous periods, one open period while open, owner tasks on the owner. */
    protected void assertOwnershipInvariant(String leadId) {
        List<Map<String, Object>> periods = ledger(leadId);
        Lead lead = lead(leadId);
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i - 1).get("valid_to")).as("period %s ends when the next begins", i - 1)
                    .isEqualTo(periods.get(i).get("valid_from"));
        }
        long open = periods.stream().filter(p -> p.get("valid_to") == null).count();
        if (lead.isOpen()) {
            assertThat(open).as("one open period").isEqualTo(1);
            assertThat(periods.get(periods.size() - 1).get("owner")).isEqualTo(lead.getOwner());
            openTasks(leadId).stream().filter(t -> taskFacts.isOwnerTask(t.getProcessDefinitionId(), t.getTaskDefinitionKey()))
                    .forEach(t -> assertThat(t.getAssignee()).as("assignee of %s", t.getTaskDefinitionKey()).isEqualTo(lead.getOwner()));
        } else {
            assertThat(open).as("no open period once closed").isZero();
        }
        openTasks(leadId).forEach(t -> assertThat(t.getAssignee()).as("assignee of %s", t.getTaskDefinitionKey()).isNotBlank());
    }

    protected void moveClock(Duration by) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(by)));
    }

    protected static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    protected static Map<String, Object> aeChecklist(boolean complete) {
        return Map.of("contactVerified", true, "needConfirmed", true, "budgetOrAuthorityIndicated", true,
                "nextMeetingBooked", complete, "contextSummary", "Buyer wants a pilot in Q3");
    }

    protected static Map<String, Object> deliveryChecklist() {
        return Map.of("contractSigned", true, "scopeDocumented", true, "kickoffContactNamed", true,
                "billingDetailsComplete", true, "contextSummary", "Signed for 50 seats");
    }
}
