package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.escalation.EscalationProcess;
import io.baton.handoff.HandoffProcess;
import io.baton.lead.Lead;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 16, items 4 and 5, in real Chromium: while sam's handoff waits on an account executive, sam's
 * Tasklist lists the lead under "Leads I'm accountable for" with the receiver's name and since when;
 * after acceptance the AE's stage form opens with the lead header, the previous owner and sam's
 * context summary; when the AE lets the stage lapse, morgan's review names the lead, who let it
 * lapse and since when, and offers people by name and fixed extensions; his choice moves the work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:lead-context;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class LeadContextBrowserIT {

    private static final String SUMMARY = "Pilot for 40 seats in Q3; the CFO signs, call her before Friday.";

    @LocalServerPort
    int port;
    @Autowired
    LeadIntake intake;
    @Autowired
    LeadRepository leads;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TasklistFilters filters;

    Browser browser;

    @BeforeEach
    void reconcileFilters() {
        filters.reconcile();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void contextTravelsWithTheLeadAndTheSenderSeesWhomItWaitsOn() {
        Lead lead = samsLead();
        String leadId = lead.getId();
        String title = io.baton.lead.LeadCard.title(lead);
        taskService.complete(task(leadId, LeadLifecycle.TASK_QUALIFY_LEAD).getId(), Map.of(LeadLifecycle.VAR_QUALIFIED, true));
        taskService.complete(task(leadId, HandoffProcess.TASK_PREPARE).getId(), Map.of("contactVerified", true, "needConfirmed", true,
                "budgetOrAuthorityIndicated", true, "nextMeetingBooked", true, HandoffProcess.VAR_CONTEXT_SUMMARY, SUMMARY));
        Task accept = task(leadId, HandoffProcess.TASK_ACCEPT);
        String ae = accept.getAssignee();
        String other = ae.equals("alex") ? "ava" : "alex";

        try {
            // 1. sam still owns the lead while it waits on the AE: Tasklist lists no task of it for him, Baton's section does.
            browser = new Browser("http://localhost:" + port);
            firstLoadOfTasklist();
            browser.login("tasklist", "sam", "sam");
            WebElement row = browser.await(By.cssSelector("#baton-accountable li[data-lead='" + leadId + "']"));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#baton-accountable h4"),
                    "Leads I'm accountable for"));
            assertThat(row.getText()).contains(title).contains("Waits on " + name(ae) + " to accept since ")
                    .containsPattern("since (\\d{1,2} \\w+ )?\\d{2}:\\d{2}");
            assertThat(row.getAttribute("data-waiting-on")).isEqualTo(ae);
            browser.evidence("context-1-sam-accountable-while-waiting");
            browser.close();
            browser = null;

            // 2. The AE accepts; his first stage form opens with the header, who had the lead before and sam's summary.
            taskService.complete(accept.getId(), Map.of(HandoffProcess.VAR_ACCEPTED, true));
            Task needs = task(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS);
            assertThat(needs.getAssignee()).isEqualTo(ae);
            browser = new Browser("http://localhost:" + port);
            browser.login("tasklist", ae, ae);
            browser.open("/camunda/app/tasklist/default/#/?task=" + needs.getId());
            WebElement header = browser.await(By.xpath("//*[contains(@class,'fjs-form-field-text')][.//h3]"));
            browser.wait.until(d -> header.getText().contains(SUMMARY));
            assertThat(header.getText()).contains(title).contains("Company: Tessera Labs").contains("Contact: Nora Quist")
                    .contains("Size: 120 employees").contains("Source: web").contains("Country: NL")
                    .contains("Owner: " + name(ae)).contains("Before: Sam Sales-Dev")
                    .contains("Context from Sam Sales-Dev: " + SUMMARY);
            browser.evidence("context-2-ae-stage-header");
            browser.close();
            browser = null;

            // 3. The stage lapses: morgan reviews it and gives the work to the other AE, chosen by name.
            String lifecycle = needs.getProcessInstanceId();
            managementService.executeJob(managementService.createJobQuery().processInstanceId(lifecycle)
                    .activityId("timer_needsAnalysisBreach").singleResult().getId());
            Task review = task(leadId, EscalationProcess.TASK_REVIEW);
            assertThat(review.getAssignee()).isEqualTo("morgan");
            browser = new Browser("http://localhost:" + port);
            browser.login("tasklist", "morgan", "morgan");
            browser.open("/camunda/app/tasklist/default/#/?task=" + review.getId());
            WebElement reviewHeader = browser.await(By.xpath("//*[contains(@class,'fjs-form-field-text')][.//h3]"));
            assertThat(reviewHeader.getText()).contains(title).contains("Before: Sam Sales-Dev");
            WebElement lapse = browser.await(By.xpath("//*[contains(@class,'fjs-form-field-text')][contains(.,'lapsed with')]"));
            assertThat(lapse.getText()).contains("Analyse needs lapsed with " + name(ae)).containsPattern("overdue since \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");

            decision(1).click();
            List<String> extensions = options("New deadline");
            assertThat(extensions).containsExactly("4 hours", "1 day", "2 days", "1 week");
            browser.evidence("context-3-review-extensions");
            closeDropdown();

            decision(0).click();
            List<String> people = options("New owner");
            assertThat(people).containsExactly(name(other)).doesNotContain(other, ae);
            browser.evidence("context-4-review-people-by-name");
            WebElement choice = browser.await(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + name(other) + "']"));
            choice.click();
            browser.wait.until(d -> selectField("New owner").getText().contains(name(other)));
            browser.evidence("context-5-review-chosen");
            WebElement complete = browser.driver.findElement(By.xpath("//button[normalize-space()='Complete']"));
            browser.wait.until(d -> complete.isEnabled());
            ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", complete);
            browser.wait.until(d -> taskService.createTaskQuery().taskId(review.getId()).count() == 0);
            assertThat(task(leadId, LeadLifecycle.TASK_NEEDS_ANALYSIS).getAssignee()).as("the work went to the person chosen by name").isEqualTo(other);
            assertThat(leads.findById(leadId).orElseThrow().getOwner()).isEqualTo(other);
            browser.evidence("context-6-reassigned");
        } catch (RuntimeException | AssertionError e) {
            if (browser != null) {
                browser.evidence("context-failed");
            }
            throw e;
        }
    }

    /**
     * The first load of Tasklist after start-up fetches and compiles its bundles, which on a busy
     * machine takes longer than a login waits: wait for the login form to show once.
     */
    private void firstLoadOfTasklist() {
        browser.open("/camunda/app/tasklist/default/");
        new WebDriverWait(browser.driver, Duration.ofMinutes(4)).ignoring(RuntimeException.class)
                .until(d -> d.findElement(By.cssSelector("input[type='password']")).isDisplayed());
    }

    /** A lead routed to sam (under 1,000 employees: team sdr; routing evens out open work between the SDRs). */
    private Lead samsLead() {
        for (int attempt = 0; attempt < 6; attempt++) {
            Lead lead = intake.capture(new LeadRequest(null, "nora-" + UUID.randomUUID() + "@tessera.example", "Nora", "Quist",
                    "Tessera Labs", "NL", "web", 120)).lead();
            if ("sam".equals(lead.getOwner())) {
                return lead;
            }
        }
        throw new AssertionError("no lead was routed to sam");
    }

    private Task task(String leadId, String key) {
        return taskService.createTaskQuery().processInstanceBusinessKey(leadId).taskDefinitionKey(key).singleResult();
    }

    private String name(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user.getFirstName() + " " + user.getLastName();
    }

    /** The decision's radios in the form's order: reassign, keep, disqualify. */
    private WebElement decision(int index) {
        List<WebElement> radios = browser.wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".fjs-form-field-radio input[type='radio']"));
            return found.size() == 3 ? found : null;
        });
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", radios.get(index));
        return radios.get(index);
    }

    private WebElement selectField(String label) {
        return browser.await(By.xpath("//*[contains(@class,'fjs-form-field-select')][.//label[contains(normalize-space(),'" + label + "')]]"));
    }

    /** Opens a form-js select and reads the labels it offers. */
    private List<String> options(String label) {
        WebElement field = selectField(label);
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", field);
        field.findElement(By.cssSelector(".fjs-input-group")).click();
        Function<org.openqa.selenium.WebDriver, List<String>> offered = d -> {
            List<String> items = field.findElements(By.cssSelector(".fjs-dropdownlist-item")).stream().map(WebElement::getText).toList();
            return items.isEmpty() ? null : items;
        };
        return browser.wait.until(offered::apply);
    }

    private void closeDropdown() {
        browser.driver.findElement(By.cssSelector(".fjs-form-field-text h3")).click();
    }
}
