package io.baton.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.insight.Browser;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
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
 * Real Chromium: an administrator creates a user in Camunda Admin and adds them to group
 * {@code sdr} with Admin's own dialogs, no Baton call; morgan then finds them on Cockpit's "Team"
 * page with the default capacity, reporting to him, and changes their capacity there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:team-browser;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@ActiveProfiles("demo")
// One Camunda process application per JVM: close this context so the next test class can start its own.
@DirtiesContext
class TeamAdminBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    TeamDirectory directory;

    @Test
    void anAdminAddsAUserToSdrInAdminAndMorganChangesTheirCapacityOnTheCockpitTeamPage() {
        String rep = "kim" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);

        try (Browser admin = new Browser("http://localhost:" + port)) {
            admin.login("admin", "admin", "admin");
            try {
                admin.open("/camunda/app/admin/default/#/user-create");
                type(admin, "profile.id", rep);
                type(admin, "password", rep + "-Secret-1");
                type(admin, "credentials.password2", rep + "-Secret-1");
                type(admin, "profile.firstName", "Kim");
                type(admin, "profile.lastName", "Newcomer");
                type(admin, "profile.email", rep + "@baton.local");
                admin.evidence("admin-create-user");
                await(admin, By.cssSelector("[ng-click='createUser()']")).click();
                admin.wait.until(d -> identityService.createUserQuery().userId(rep).count() == 1);

                admin.open("/camunda/app/admin/default/#/users/" + rep + "?tab=groups");
                await(admin, By.cssSelector("[ng-click='openCreateGroupMembershipDialog()']")).click();
                WebElement sdr = admin.wait.until(d -> d.findElements(By.cssSelector("[ng-repeat*='group in availableGroups']")).stream()
                        .filter(row -> row.findElements(By.cssSelector(".group-id")).stream().anyMatch(id -> id.getText().trim().equals("sdr")))
                        .findFirst().orElse(null));
                sdr.findElement(By.cssSelector("[ng-model='group.checked']")).click();
                admin.evidence("admin-add-to-sdr");
                await(admin, By.cssSelector("[ng-click='createGroupMemberships()']")).click();
                await(admin, By.cssSelector("[ng-click='close(status)']")).click();
                admin.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("form[name='updateGroupMemberships']"), "sdr"));
                admin.evidence("admin-user-groups");
            } catch (RuntimeException | AssertionError e) {
                admin.evidence("admin-add-to-sdr-failed");
                throw e;
            }
        }
        assertThat(identityService.createUserQuery().memberOfGroup("sdr").userId(rep).count()).isEqualTo(1);

        try (Browser morgan = new Browser("http://localhost:" + port)) {
            morgan.login("cockpit", "morgan", "morgan");
            try {
                morgan.open("/camunda/app/cockpit/default/#/dashboard");
                await(morgan, By.id("baton-team-link")).click();
                WebElement row = await(morgan, By.cssSelector("#baton-team tr[data-user='" + rep + "']"));
                morgan.evidence("cockpit-team-newcomer");
                assertThat(row.getAttribute("data-team")).isEqualTo("sdr");
                assertThat(row.getAttribute("data-capacity")).isEqualTo("1");
                assertThat(row.getAttribute("data-reports-to")).isEqualTo("morgan");
                assertThat(row.findElement(By.cssSelector(".baton-name")).getText()).contains("Kim Newcomer");
                assertThat(row.findElement(By.cssSelector(".baton-status")).getText()).isEqualTo("present");

                WebElement capacity = row.findElement(By.cssSelector("input[name='capacity']"));
                ((JavascriptExecutor) morgan.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", capacity);
                capacity.clear();
                capacity.sendKeys("3");
                row.findElement(By.cssSelector("button.baton-save")).click();

                morgan.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#baton-team .baton-team-message"),
                        "Saved Kim Newcomer."));
                WebElement saved = await(morgan, By.cssSelector("#baton-team tr[data-user='" + rep + "'][data-capacity='3']"));
                morgan.evidence("cockpit-team-capacity-saved");
                assertThat(saved.findElement(By.cssSelector("input[name='capacity']")).getAttribute("value")).isEqualTo("3");
            } catch (RuntimeException | AssertionError e) {
                morgan.evidence("cockpit-team-failed");
                throw e;
            }
        }
        assertThat(directory.member(rep)).get().extracting(TeamMember::getCapacity, TeamMember::getTeam).containsExactly(3, "sdr");
    }

    /** The shared machine may be slow to boot a web app: wait on the element, just longer than the default. */
    private static WebElement await(Browser browser, By locator) {
        return new WebDriverWait(browser.driver, Duration.ofMinutes(3)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void type(Browser browser, String model, String value) {
        WebElement input = await(browser, By.cssSelector("[ng-model='" + model + "']"));
        input.clear();
        input.sendKeys(value);
    }
}
