package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.handoff.HandoffProcess;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Real Chromium against the running application: Cockpit with Baton's overlay, Tasklist with
 * Baton's filters and the handoff checklist form.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:insight-browser;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class WebappsBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    LeadIntake intake;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TasklistFilters filters;

    Browser browser;

    @BeforeEach
    void openBrowser() {
        filters.reconcile();
        browser = new Browser("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void morganSeesTheQualificationBacklogOnTheLifecycleDiagramInCockpit() {
        long before = taskService.createTaskQuery().taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD).count();
        for (int i = 0; i < 3; i++) {
            capture("Cockpit Co " + i);
        }
        long open = taskService.createTaskQuery().taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD).count();
        assertThat(open).isEqualTo(before + 3);
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(LeadLifecycle.KEY)
                .latestVersion().singleResult().getId();

        browser.login("cockpit", "morgan", "morgan");
        browser.open("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
        try {
            WebElement overlay = browser.await(By.cssSelector(".baton-overlay[data-activity='" + LeadLifecycle.TASK_QUALIFY_LEAD + "']"));
            browser.evidence("cockpit-lead-lifecycle-overlay");
            assertThat(overlay.getAttribute("data-open")).isEqualTo(Long.toString(open));
            assertThat(overlay.getText()).startsWith(open + " open");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cockpit-lead-lifecycle-overlay-failed");
            throw e;
        }

        browser.open("/camunda/app/cockpit/default/#/dashboard");
        try {
            WebElement sam = browser.await(By.cssSelector("#baton-handoffs tr[data-owner='sam']"));
            browser.evidence("cockpit-dashboard-handoffs");
            assertThat(sam.getText()).startsWith("sam");
            assertThat(browser.endOfLifeBannerShown()).as("Camunda's 'migrate to Camunda 8' banner").isFalse();
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cockpit-dashboard-handoffs-failed");
            throw e;
        }
    }

    @Test
    void samsMyLeadsFilterShowsExactlyHisTasks() {
        for (int i = 0; i < 4; i++) {
            capture("Tasklist Co " + i);
        }
        List<Task> his = taskService.createTaskQuery().taskAssignee("sam").list();
        assertThat(his).isNotEmpty();
        assertThat(taskService.createTaskQuery().taskAssignee("sofia").count()).isPositive();

        browser.login("tasklist", "sam", "sam");
        try {
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-filter.active"),
                    TasklistFilters.MY_LEADS));
            browser.wait.until(d -> d.findElements(By.cssSelector(".tasks-list li.task")).size() == his.size());
            browser.evidence("tasklist-sam-my-leads");
            assertThat(browser.endOfLifeBannerShown()).as("Camunda's 'migrate to Camunda 8' banner").isFalse();
            List<String> shownIds = browser.driver.findElements(By.cssSelector(".tasks-list li.task")).stream()
                    .map(li -> li.findElement(By.cssSelector("a[href*='task=']")).getAttribute("href"))
                    .map(href -> href.substring(href.indexOf("task=") + 5).replaceAll("[&#].*", ""))
                    .toList();
            assertThat(shownIds).containsExactlyInAnyOrderElementsOf(his.stream().map(Task::getId).toList());
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("tasklist-sam-my-leads-failed");
            throw e;
        }
    }

    @Test
    void samSubmitsAnIncompleteChecklistAndTheHandoffComesBackNamingTheMissingItem() {
        String lead = leadOf("sam");
        Task qualify = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD)
                .singleResult();
        identityService.setAuthentication("sam", List.of("sdr"));
        try {
            taskService.complete(qualify.getId(), Map.of(LeadLifecycle.VAR_QUALIFIED, true));
        } finally {
            identityService.clearAuthentication();
        }
        Task prepare = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(HandoffProcess.TASK_PREPARE)
                .singleResult();
        assertThat(prepare.getAssignee()).isEqualTo("sam");

        browser.login("tasklist", "sam", "sam");
        try {
            browser.open("/camunda/app/tasklist/default/#/?task=" + prepare.getId());
            WebElement form = browser.await(By.cssSelector("input[type='checkbox'][name='nextMeetingBooked'], input[type='checkbox'][id$='nextMeetingBooked']"));
            browser.evidence("tasklist-prepare-handoff-form");
            for (String item : List.of("contactVerified", "needConfirmed", "budgetOrAuthorityIndicated")) {
                check(item);
            }
            assertThat(form.isSelected()).isFalse();
            WebElement summary = browser.driver.findElement(By.cssSelector("textarea[name='contextSummary'], textarea[id$='contextSummary']"));
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", summary);
            summary.sendKeys("Discovery call booked; budget owner is the CFO.");
            browser.evidence("tasklist-prepare-handoff-filled");
            WebElement complete = browser.driver.findElement(By.xpath("//button[normalize-space()='Complete']"));
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
            complete.click();

            Task returned = awaitNewPrepareTask(lead, prepare.getId());
            browser.open("/camunda/app/tasklist/default/#/?task=" + returned.getId());
            // The missing item by its label, as the sender ticked them; the key stays in missingItems for integrations.
            WebElement missing = browser.wait.until(d -> d.findElements(By.cssSelector(".fjs-form-field-text")).stream()
                    .filter(text -> text.getText().contains("Missing from your last attempt")).findFirst().orElse(null));
            browser.evidence("tasklist-prepare-handoff-returned");
            assertThat(missing.getText()).contains("Next meeting booked").doesNotContain("nextMeetingBooked");
            assertThat(taskService.getVariable(returned.getId(), HandoffProcess.VAR_MISSING_ITEMS)).isEqualTo("nextMeetingBooked");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("tasklist-prepare-handoff-failed");
            throw e;
        }
    }

    private void check(String item) {
        WebElement box = browser.driver.findElement(By.cssSelector("input[type='checkbox'][name='" + item + "'], input[type='checkbox'][id$='" + item + "']"));
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        if (!box.isSelected()) {
            box.click();
        }
    }

    private Task awaitNewPrepareTask(String lead, String previous) {
        browser.wait.until(d -> taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(HandoffProcess.TASK_PREPARE)
                .list().stream().anyMatch(t -> !t.getId().equals(previous)));
        return taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(HandoffProcess.TASK_PREPARE).singleResult();
    }

    /** Captures leads until routing gives one to {@code rep}; routing is round-robin, so this ends quickly. */
    private String leadOf(String rep) {
        Set<String> already = taskService.createTaskQuery().taskAssignee(rep).list().stream().map(Task::getProcessInstanceId)
                .collect(Collectors.toSet());
        for (int i = 0; i < 10; i++) {
            String lead = capture("Handoff Co " + i);
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(lead).singleResult();
            if (rep.equals(task.getAssignee()) && !already.contains(task.getProcessInstanceId())) {
                return lead;
            }
        }
        throw new IllegalStateException("Routing never gave " + rep + " a lead");
    }

    private String capture(String company) {
        return intake.capture(new LeadRequest(null, "b-" + UUID.randomUUID() + "@example.com", "Bea", "Buyer", company, "DE", "web", 120))
                .lead().getId();
    }
}
