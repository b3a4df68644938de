package io.baton.insight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium from the distribution (never a downloaded one): {@code /usr/bin/chromium}
 * driven by {@code /usr/bin/chromedriver}, fresh profile per browser. Screenshots and page sources
 * go to {@code target/screenshots/} as test evidence.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final WebDriverWait wait;
    private final String baseUrl;
    private final Path profile;

    Browser(String baseUrl) {
        this.baseUrl = baseUrl;
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, env("BATON_CHROMEDRIVER", "/usr/bin/chromedriver"));
        try {
            this.profile = Files.createTempDirectory("baton-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(env("BATON_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1600,1000", "--user-data-dir=" + profile.toAbsolutePath());
        // The page's console goes with the evidence: a web app that never boots says why there.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        this.driver = new ChromeDriver(options);
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Logs into a Camunda webapp (Cockpit, Tasklist, Admin) through its own login form. */
    void login(String app, String user, String secret) {
        open("/camunda/app/" + app + "/default/");
        try {
            // The login view may be re-rendered while the app boots; type again until the fields hold the values.
            new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(RuntimeException.class).until(d -> {
                WebElement password = d.findElement(By.cssSelector("input[type='password']"));
                WebElement name = d.findElement(By.cssSelector("input[type='text'], input:not([type])"));
                if (!password.isDisplayed()) {
                    return false;
                }
                name.clear();
                name.sendKeys(user);
                password.clear();
                password.sendKeys(secret);
                if (!user.equals(name.getAttribute("value")) || !secret.equals(password.getAttribute("value"))) {
                    return false;
                }
                d.findElement(By.cssSelector("button[type='submit']")).click();
                return new WebDriverWait(d, Duration.ofSeconds(10)).until(x -> user.equals(sessionUser()));
            });
        } catch (RuntimeException e) {
            evidence(app + "-login-" + user + "-failed");
            throw e;
        }
    }

    /** Who the webapps' session belongs to, asked the way the webapps ask it. */
    String sessionUser() {
        Object user = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
                    .then(r => r.ok ? r.json() : {})
                    .then(body => done(body.userId || null), () => done(null));""");
        return user == null ? null : user.toString();
    }

    WebElement await(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    void evidence(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            StringBuilder console = new StringBuilder();
            driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                    .forEach(entry -> console.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n'));
            Files.writeString(SCREENSHOTS.resolve(name + ".console.log"), console, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save evidence " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temporary profile is harmless.
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
