package io.baton.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.insight.Browser;
import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 17, items 3 and 4, in real Chromium: sam opens his qualification task in Tasklist, logs a
 * contact attempt and marks the lead "waiting on customer" from the task's "Attempts" tab; the tab
 * shows both, and the task stays in his list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:attempts-browser;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class AttemptsBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    LeadIntake intake;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;

    Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser("http://localhost:" + port);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void samLogsAnAttemptAndPausesALeadFromTasklist() {
        String leadId = samsLead();
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD)
                .singleResult();

        try {
            browser.login("tasklist", "sam", "sam");
            browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId() + "&detailsTab=baton.attempts");
            WebElement tab = browser.await(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Attempts']"));
            click(tab);
            browser.await(By.cssSelector(".baton-attempts"));
            assertThat(browser.driver.findElement(By.cssSelector(".baton-first-touch")).getText()).contains("No contact attempt yet");
            browser.evidence("attempts-1-tab");

            new Select(browser.driver.findElement(By.cssSelector(".baton-attempts select[name='channel']"))).selectByValue("email");
            browser.driver.findElement(By.cssSelector(".baton-attempts input[name='note']")).sendKeys("Sent the intro deck");
            click(browser.driver.findElement(By.cssSelector(".baton-attempts button[name='logAttempt']")));
            WebElement logged = browser.await(By.cssSelector(".baton-attempts li.baton-attempt[data-channel='email']"));
            assertThat(logged.getText()).contains("Sent the intro deck").contains("sam");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".baton-first-touch"), "First touch:"));
            browser.evidence("attempts-2-attempt-logged");
            assertThat(jdbc.queryForObject("select count(*) from baton_lead_attempt where lead_id = ? and actor = 'sam' and channel = 'email'",
                    Long.class, leadId)).isEqualTo(1);

            browser.driver.findElement(By.cssSelector(".baton-attempts input[name='reason']")).sendKeys("Waiting for the signed NDA");
            click(browser.driver.findElement(By.cssSelector(".baton-attempts button[name='waitOnCustomer']")));
            WebElement paused = browser.await(By.cssSelector(".baton-attempts .baton-paused"));
            assertThat(paused.getText()).contains("Waiting on customer since").contains("Waiting for the signed NDA");
            browser.evidence("attempts-3-waiting-on-customer");
            assertThat(jdbc.queryForObject("select count(*) from baton_lead_pause where lead_id = ? and resumed_at is null and paused_by = 'sam'",
                    Long.class, leadId)).isEqualTo(1);

            // A pause hides nothing: the task is still sam's and still in his list.
            assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("sam");
            browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
            browser.wait.until(d -> d.findElements(By.cssSelector(".tasks-list li.task")).stream()
                    .anyMatch(li -> li.getText().contains(String.valueOf(taskService.getVariableLocal(task.getId(), "title")))));
            browser.evidence("attempts-4-task-still-listed");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("attempts-failed");
            throw e;
        }
    }

    /** Routing shares leads between sam and sofia: capture until one is sam's. */
    private String samsLead() {
        for (int i = 0; i < 6; i++) {
            Lead lead = intake.capture(new LeadRequest(null, "b-" + UUID.randomUUID() + "@example.com", "Nora", "Buyer", "Initech GmbH",
                    "DE", "web", 80)).lead();
            if ("sam".equals(lead.getOwner())) {
                return lead.getId();
            }
        }
        throw new AssertionError("no lead was routed to sam");
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }
}
