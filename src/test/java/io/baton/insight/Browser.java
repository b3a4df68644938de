package io.baton.insight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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
 * go to {@code target/screenshots/} as test evidence. Shared by the browser tests of every feature.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** How long a web app may take to show its first screen on a busy machine; a ready page ends the wait at once. */
    static final Duration BOOT = Duration.ofMinutes(4);

    public final WebDriver driver;
    public final WebDriverWait wait;
    private final String baseUrl;
    private final Path profile;

    public Browser(String baseUrl) {
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
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    public void open(String path) {
        driver.get(baseUrl + path);
    }

    /**
     * Logs into a Camunda webapp (Cockpit, Tasklist, Admin) through its own login form, and returns
     * once the page shows the user logged in and the server agrees.
     *
     * <p>Nothing asks the server while the login is under way: the login gives the browser a new
     * session, and a request still carrying the old session id comes back with a fresh anonymous
     * session cookie that replaces the logged-in one — the app then shows its login form again with
     * empty fields. So the steps wait for what the page shows (the account menu in the header, the
     * login form gone), and only then ask the server whose session it is.
     */
    public void login(String app, String user, String secret) {
        open("/camunda/app/" + app + "/default/");
        try {
            // A cold web app loads its bundles before it shows anything: wait for its login form as long
            // as a slow machine needs, then log in within the usual bound.
            new WebDriverWait(driver, BOOT).ignoring(RuntimeException.class).until(Browser::loginFormShown);
            new WebDriverWait(driver, Duration.ofSeconds(120)).ignoring(RuntimeException.class).until(d -> {
                if (!loggedInShown(d)) {
                    if (!loginFormShown(d)) {
                        return false;
                    }
                    submitLogin(d, user, secret);
                    // The app answers by leaving the login view, or by staying on it with an error notice.
                    try {
                        new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(RuntimeException.class)
                                .until(x -> loggedInShown(x) || !x.findElements(By.cssSelector(".notifications .alert-danger")).isEmpty());
                    } catch (org.openqa.selenium.TimeoutException stillThere) {
                        return false;
                    }
                    if (!loggedInShown(d)) {
                        return false;
                    }
                }
                return user.equals(sessionUser());
            });
        } catch (RuntimeException e) {
            evidence(app + "-login-" + user + "-failed");
            throw e;
        }
    }

    private static boolean loginFormShown(WebDriver d) {
        return d.findElements(By.cssSelector("input[type='password']")).stream().anyMatch(WebElement::isDisplayed);
    }

    /** The header's account menu, which the apps show only for a logged-in user, and no login form. */
    private static boolean loggedInShown(WebDriver d) {
        return !d.getCurrentUrl().contains("#/login") && !loginFormShown(d)
                && d.findElements(By.cssSelector("li.account")).stream().anyMatch(WebElement::isDisplayed);
    }

    /** Types the credentials until the fields hold them (the view may re-render while the app boots), then submits once. */
    private static void submitLogin(WebDriver d, String user, String secret) {
        new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(RuntimeException.class).until(x -> {
            WebElement password = x.findElement(By.cssSelector("input[type='password']"));
            WebElement name = x.findElement(By.cssSelector("input[type='text'], input:not([type])"));
            name.clear();
            name.sendKeys(user);
            password.clear();
            password.sendKeys(secret);
            return user.equals(name.getAttribute("value")) && secret.equals(password.getAttribute("value"));
        });
        d.findElement(By.cssSelector("button[type='submit']")).click();
    }

    /** Who the webapps' session belongs to, asked the way the webapps ask it. */
    public String sessionUser() {
        Object user = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
                    .then(r => r.ok ? r.json() : {})
                    .then(body => done(body.userId || null), () => done(null));""");
        return user == null ? null : user.toString();
    }

    /**
     * Whether the community edition's end-of-life banner shows. The header renders it on every page
     * of a community build, so it must be in the page (else this check could not fail) yet hidden.
     */
    public boolean endOfLifeBannerShown() {
        List<WebElement> banners = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(".ce-eol-banner"));
            return found.isEmpty() ? null : found;
        });
        return banners.stream().anyMatch(WebElement::isDisplayed);
    }

    public WebElement await(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    public void evidence(String name) {
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
