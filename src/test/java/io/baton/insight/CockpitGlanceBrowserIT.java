package io.baton.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.baton.handoff.HandoffProcess;
import io.baton.integration.WebhookDispatcher;
import io.baton.lead.LeadIntake;
import io.baton.lead.LeadLifecycle;
import io.baton.lead.LeadRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Real Chromium: morgan reaches Baton's at-a-glance page in Cockpit from the navigation and from
 * the dashboard, reads overdue work and waiting handoffs by person name, follows a lead to its
 * process instance, sees the badges on the {@code lead-handoff} diagram, and sees a webhook
 * subscription whose receiver fails on the page and on the dashboard.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:insight-glance;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        // The test delivers webhooks itself, to a receiver on this machine that always fails.
        "baton.webhooks.dispatch-enabled=false",
        "baton.webhooks.allowed-targets=127.0.0.1"})
@ActiveProfiles("demo")
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class CockpitGlanceBrowserIT {

    private static final String COCKPIT = "/camunda/app/cockpit/default/";

    @LocalServerPort
    int port;
    @Autowired
    LeadIntake intake;
    @Autowired
    TaskService taskService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    IdentityService identityService;
    @Autowired
    WebhookDispatcher dispatcher;
    @Autowired
    TestRestTemplate http;

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
    void morganReadsWhoIsOverdueAndWhichHandoffsWaitAndFollowsALeadToItsInstance() {
        // Captured three hours ago: the PT2H first-touch SLA has passed.
        String late = captureAt("Overdue Oy", Instant.now().minus(Duration.ofHours(3)));
        Task lateTask = taskService.createTaskQuery().processInstanceBusinessKey(late).singleResult();
        String waiting = capture("Waiting GmbH");
        Task accept = handOff(waiting);

        browser.login("cockpit", "morgan", "morgan");
        try {
            // From Cockpit's navigation, next to Camunda's own entries.
            WebElement navigation = browser.await(By.id("baton-navigation"));
            String header = browser.driver.findElement(By.cssSelector("[cam-if-logged-in]")).getText();
            assertThat(header).contains("Baton", "Processes", "Decisions");
            navigation.click();
            WebElement page = awaitGlance();
            browser.evidence("cockpit-glance-from-navigation");

            assertThat(page.getText()).contains("Who is overdue", "Handoffs waiting for acceptance", "By person", "SLA breaches today");
            WebElement overdueRow = page.findElement(By.xpath(
                    ".//h2[.='Who is overdue']/following-sibling::table[1]//tr[@data-lead='" + late + "']"));
            assertThat(overdueRow.getText()).contains(name(lateTask.getAssignee()), "Overdue Oy", "Qualify lead")
                    .doesNotContain(lateTask.getAssignee() + " ");
            WebElement handoffRow = page.findElement(By.xpath(
                    ".//h2[.='Handoffs waiting for acceptance']/following-sibling::table[1]//tr[@data-lead='" + waiting + "']"));
            assertThat(handoffRow.getText()).contains(name(accept.getAssignee()), "Waiting GmbH");
            WebElement person = page.findElement(By.xpath(
                    ".//h2[.='By person']/following-sibling::table[1]//tr[@data-person='" + lateTask.getAssignee() + "']"));
            assertThat(person.getText()).startsWith(name(lateTask.getAssignee()) + " 1");

            // The lead goes through to its process instance in Cockpit.
            overdueRow.findElement(By.cssSelector("a.baton-lead")).click();
            browser.wait.until(ExpectedConditions.urlContains("#/process-instance/" + lateTask.getProcessInstanceId()));
            browser.wait.until(d -> d.findElement(By.tagName("body")).getText().contains(lateTask.getProcessInstanceId()));
            browser.await(By.cssSelector(".djs-container [data-element-id='" + LeadLifecycle.TASK_QUALIFY_LEAD + "']"));
            browser.evidence("cockpit-glance-lead-instance");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cockpit-glance-navigation-failed");
            throw e;
        }

        try {
            // From the dashboard, whose own sections stay above Baton's.
            browser.open(COCKPIT + "#/dashboard");
            // Baton's section once its reports are in, as morgan sees it before he clicks.
            browser.await(By.cssSelector("#baton-handoffs[data-loaded='true'] #baton-glance-link"));
            browser.evidence("cockpit-glance-dashboard-link");
            assertThat(browser.driver.findElement(By.tagName("body")).getText()).contains("Running Process Instances");
            // Cockpit may render its dashboard plugins again as its own sections load: click the link the page shows now.
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        d.findElement(By.id("baton-glance-link")).click();
                        return true;
                    });
            awaitGlance();
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/baton");
            assertThat(browser.driver.findElement(By.cssSelector("li.active #baton-navigation")).isDisplayed()).isTrue();
            browser.evidence("cockpit-glance-from-dashboard");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cockpit-glance-dashboard-failed");
            throw e;
        }
    }

    @Test
    void theHandoffDiagramShowsLegibleBadgesOnlyWhereWorkWaits() {
        handOff(capture("Badge Co"));
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(HandoffProcess.KEY)
                .latestVersion().singleResult().getId();
        List<String> steps = repositoryService.getBpmnModelInstance(definitionId).getModelElementsByType(UserTask.class).stream()
                .map(UserTask::getId).toList();

        browser.login("cockpit", "morgan", "morgan");
        browser.open(COCKPIT + "#/process-definition/" + definitionId + "/runtime");
        try {
            WebElement badge = browser.await(By.cssSelector(".baton-overlay[data-activity='" + HandoffProcess.TASK_ACCEPT + "']"));
            browser.evidence("cockpit-lead-handoff-overlay");
            long open = taskService.createTaskQuery().processDefinitionId(definitionId).taskDefinitionKey(HandoffProcess.TASK_ACCEPT).count();
            assertThat(badge.getText()).startsWith(open + " open");
            assertThat(Double.parseDouble(badge.getCssValue("font-size").replace("px", ""))).isGreaterThanOrEqualTo(13);
            for (String step : steps) {
                long waiting = taskService.createTaskQuery().processDefinitionId(definitionId).taskDefinitionKey(step).count();
                List<WebElement> badges = browser.driver.findElements(By.cssSelector(".baton-overlay[data-activity='" + step + "']"));
                if (waiting == 0) {
                    assertThat(badges).as("badge on idle step " + step).isEmpty();
                } else {
                    assertThat(badges).as("badge on " + step).singleElement()
                            .satisfies(b -> assertThat(b.getAttribute("data-open")).isEqualTo(Long.toString(waiting)));
                }
            }
            assertThat(browser.driver.findElements(By.cssSelector(".baton-overlay[data-open='0']"))).isEmpty();
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cockpit-lead-handoff-overlay-failed");
            throw e;
        }
    }

    @Test
    void morganSeesAFailingWebhookSubscriptionOnBatonsPageAndTheDashboard() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
        String target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crm-sync";
        String hook = null;
        try {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            var created = http.withBasicAuth("admin", "admin").postForEntity("/api/webhooks", new HttpEntity<>(
                    "{\"url\": \"" + target + "?token=t0ps3cret\", \"events\": [\"lead.captured\"], \"secret\": \"a-very-secret-signing-key\"}",
                    headers), Map.class);
            assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
            hook = (String) created.getBody().get("id");
            capture("Hooked AB");
            dispatcher.dispatchDue();

            browser.login("cockpit", "morgan", "morgan");
            browser.await(By.id("baton-navigation")).click();
            WebElement page = awaitGlance();
            WebElement row = page.findElement(By.xpath(".//h2[.='Webhook subscriptions']/following-sibling::table[1]//tr[@data-webhook='" + hook + "']"));
            // Below the people table: scrolled to, as morgan would, so the row is shown (and in the screenshot).
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", row);
            browser.wait.until(d -> row.isDisplayed());
            browser.evidence("cockpit-glance-failing-webhook");
            assertThat(row.getText()).contains(target, "retrying", "HTTP 503").doesNotContain("t0ps3cret");
            // The figure at the top, scrolled past by now: what it shows, read from the page.
            assertThat(page.findElement(By.cssSelector("#baton-figure-webhooks strong")).getAttribute("textContent")).isEqualTo("1");

            browser.open(COCKPIT + "#/dashboard");
            WebElement note = browser.await(By.id("baton-webhooks-failing"));
            browser.evidence("cockpit-dashboard-failing-webhook");
            assertThat(note.getText()).contains("1 webhook subscription failing", target, "HTTP 503");
        } catch (RuntimeException | AssertionError e) {
            browser.evidence("cockpit-failing-webhook-failed");
            throw e;
        } finally {
            receiver.stop(0);
            if (hook != null) {
                http.withBasicAuth("admin", "admin").delete("/api/webhooks/" + hook);
            }
        }
    }

    private WebElement awaitGlance() {
        return browser.await(By.cssSelector("#baton-glance[data-loaded='true']"));
    }

    private String name(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        return user.getFirstName() + " " + user.getLastName();
    }

    /** Qualifies the lead and completes its checklist: the handoff then waits for its receiver. */
    private Task handOff(String lead) {
        Task qualify = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(LeadLifecycle.TASK_QUALIFY_LEAD)
                .singleResult();
        taskService.complete(qualify.getId(), Map.of(LeadLifecycle.VAR_QUALIFIED, true));
        Task prepare = taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKey(HandoffProcess.TASK_PREPARE)
                .singleResult();
        taskService.complete(prepare.getId(), Map.of("contactVerified", true, "needConfirmed", true, "budgetOrAuthorityIndicated", true,
                "nextMeetingBooked", true, "contextSummary", "Pilot in Q3"));
        return taskService.createTaskQuery().processInstanceBusinessKey(lead).taskDefinitionKeyLike(HandoffProcess.TASK_ACCEPT + "%")
                .singleResult();
    }

    private String captureAt(String company, Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        try {
            return capture(company);
        } finally {
            ClockUtil.reset();
        }
    }

    private String capture(String company) {
        return intake.capture(new LeadRequest(null, "g-" + UUID.randomUUID() + "@example.com", "Gus", "Glance", company, "DE", "web", 120))
                .lead().getId();
    }
}
