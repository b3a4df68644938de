package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.lead.LeadIntake;
import io.baton.lead.LeadRepository;
import io.baton.lead.LeadRequest;
import io.baton.lead.LeadStatus;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 16, items 1–3, in real Chromium: sam's list names each lead, soonest due first; the
 * qualification form shows the lead card and asks for an explicit decision; Complete on an untouched
 * form completes nothing; "No" asks for the reason, and with it the lead is disqualified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tasklist-workday;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class TasklistWorkdayBrowserIT {

    private static final String[][] CONTACTS = {
            {"Globex AG", "Hank", "Scorpio", "2300"}, {"Initech GmbH", "Peter", "Gibbons", "80"},
            {"Umbrella SE", "Alice", "Marcus", "640"}, {"Vandelay Industries", "Art", "Vandelay", "15"}};

    @LocalServerPort
    int port;
    @Autowired
    LeadIntake intake;
    @Autowired
    LeadRepository leads;
    @Autowired
    TaskService taskService;
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
    void samTellsHisTasksApartAndCannotDisqualifyWithOneClick() {
        List<String> captured = new ArrayList<>();
        for (String[] contact : CONTACTS) {
            captured.add(intake.capture(new LeadRequest(null, "w-" + UUID.randomUUID() + "@example.com", contact[1], contact[2],
                    contact[0], "DE", "web", Integer.valueOf(contact[3]))).lead().getId());
        }
        List<Task> his = taskService.createTaskQuery().taskAssignee("sam").orderByDueDate().asc().list();
        assertThat(his).hasSizeGreaterThanOrEqualTo(2);

        browser.login("tasklist", "sam", "sam");
        try {
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-filter.active"),
                    TasklistFilters.MY_LEADS));
            browser.wait.until(d -> d.findElements(By.cssSelector(".tasks-list li.task")).size() == his.size());
            // Every task names its lead: "Company — Contact" in the filter's "Lead" column, soonest due first.
            browser.wait.until(d -> d.findElements(By.cssSelector(".tasks-list li.task")).stream()
                    .allMatch(li -> li.getText().contains(" — ")));
            browser.evidence("workday-1-sams-list");
            List<WebElement> items = browser.driver.findElements(By.cssSelector(".tasks-list li.task"));
            for (int i = 0; i < his.size(); i++) {
                String title = (String) taskService.getVariableLocal(his.get(i).getId(), "title");
                assertThat(items.get(i).getText()).as("task %d of sam's list", i).contains("Lead").contains(title);
            }

            Task task = his.get(0);
            String businessKey = captured.stream().filter(id -> taskService.createTaskQuery().processInstanceBusinessKey(id)
                    .taskId(task.getId()).count() == 1).findFirst().orElseThrow();
            String title = (String) taskService.getVariableLocal(task.getId(), "title");
            browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
            List<WebElement> radios = browser.wait.until(d -> {
                List<WebElement> found = d.findElements(By.cssSelector(".fjs-form-field-radio input[type='radio']"));
                return found.size() == 2 ? found : null;
            });
            WebElement card = browser.await(By.xpath("//*[contains(@class,'fjs-form-field-text')][.//h3]"));
            assertThat(card.getText()).contains(title).contains("employees").contains("Owner: Sam Sales-Dev");
            assertThat(radios).noneMatch(WebElement::isSelected);
            assertThat(browser.driver.findElements(By.cssSelector("textarea[id$='disqualifyReason'], textarea[name='disqualifyReason']"))).isEmpty();
            browser.evidence("workday-2-qualify-form");

            // One click on an untouched form: the form says what is missing and nothing completes.
            clickComplete();
            WebElement error = browser.await(By.cssSelector(".fjs-form-field-radio .fjs-form-field-error"));
            assertThat(error.getText()).isNotBlank();
            browser.evidence("workday-3-complete-untouched");
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("qualifyLead still open").isEqualTo(1);
            assertThat(leads.findById(businessKey).orElseThrow().getStatus()).isEqualTo(LeadStatus.OPEN);

            // "No" asks why.
            click(radios.get(1));
            WebElement reason = browser.await(By.cssSelector(".fjs-form-field-textarea textarea"));
            browser.evidence("workday-4-no-asks-why");
            clickComplete();
            browser.await(By.cssSelector(".fjs-form-field-textarea .fjs-form-field-error"));
            assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

            reason.sendKeys("Student project, no budget.");
            // Tasklist enables Complete again once the form reports no error.
            browser.wait.until(d -> completeButton().isEnabled());
            browser.evidence("workday-5-reason-given");
            clickComplete();
            browser.wait.until(d -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);
            assertThat(leads.findById(businessKey).orElseThrow().getStatus()).isEqualTo(LeadStatus.DISQUALIFIED);
            browser.evidence("workday-6-disqualified");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("workday-failed");
            throw e;
        }
    }

    /** Tasklist's notice of a refused submit may sit over the button; the click goes to the button all the same. */
    private WebElement completeButton() {
        return browser.driver.findElement(By.xpath("//button[normalize-space()='Complete']"));
    }

    private void clickComplete() {
        WebElement complete = completeButton();
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", complete);
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }
}
