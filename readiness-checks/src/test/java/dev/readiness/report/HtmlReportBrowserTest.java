package dev.readiness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * readiness.html in a real browser: headless Chromium (the OS packages {@code chromium} and
 * {@code chromium-driver}) driven by Selenium. Skipped, with the reason, where neither is installed;
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} name other places.
 */
class HtmlReportBrowserTest {

    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));

    /** Runs before any of the page's own code and is not subject to its policy: records every CSP violation. */
    private static final String VIOLATION_LISTENER = "window.__violations = [];"
            + "document.addEventListener('securitypolicyviolation', function (e) {"
            + " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });";

    @TempDir
    static Path dir;

    private static ChromeDriver browser;

    /** One browser for the class (a start takes seconds on a busy machine); each test opens the page anew. */
    @BeforeAll
    static void startBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "no browser: " + BROWSER + " or " + DRIVER + " is not installed (apt-get install chromium chromium-driver);"
                        + " the browser test of readiness.html is skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_LISTENER));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Opens the page in a fresh document, after draining the logs of what came before. */
    private String open(String html) throws Exception {
        Path page = Files.writeString(Files.createTempFile(dir, "readiness", ".html"), html);
        String url = page.toUri().toString();
        browser.get("about:blank");
        browser.manage().logs().get(LogType.PERFORMANCE);
        browser.manage().logs().get(LogType.BROWSER);
        browser.get(url);
        return url;
    }

    @Test
    void showsTheCountsPerStatusAndTheVerdict() throws Exception {
        open(HtmlReport.render(HtmlReportTest.outcome()));

        List<String> counts = browser.findElements(By.cssSelector("#counts li")).stream()
                .map(li -> li.getDomAttribute("data-status") + "=" + li.findElement(By.className("count")).getText()).toList();
        assertThat(counts).containsExactly("PASS=0", "FAIL=4", "ERROR=0", "SKIPPED=0", "MANUAL=2", "ATTESTED=1", "WAIVED=1");
        WebElement verdict = browser.findElement(By.id("verdict"));
        assertThat(verdict.getText()).isEqualTo("Readiness FAIL");
        assertThat(verdict.getCssValue("background-color")).as("the inline style applies").isEqualTo("rgba(207, 34, 46, 1)");
    }

    @Test
    void aStatusFilterHidesTheItemsOfEveryOtherStatus() throws Exception {
        open(HtmlReport.render(HtmlReportTest.outcome()));

        for (WebElement box : browser.findElements(By.cssSelector("input[data-filter=status]"))) {
            if (!"WAIVED".equals(box.getDomAttribute("value"))) {
                box.click();
            }
        }

        List<WebElement> items = browser.findElements(By.cssSelector("li.item"));
        assertThat(items).hasSize(8);
        assertThat(items.stream().filter(WebElement::isDisplayed).map(li -> li.findElement(By.className("text")).getText()))
                .containsExactly("HTTPS enforced");
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("1 of 8 items shown");
        assertThat(browser.findElements(By.cssSelector("section.checklist-section")).stream().filter(WebElement::isDisplayed)).hasSize(1);

        browser.findElement(By.id("filter-level-REQUIRED")).click();
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("0 of 8 items shown");
    }

    @Test
    void expandingAnItemShowsItsFindingAsText() throws Exception {
        open(HtmlReport.render(HtmlReportTest.outcome()));
        WebElement item = browser.findElement(By.id("item-0"));
        WebElement finding = item.findElement(By.cssSelector("li.finding"));
        assertThat(finding.isDisplayed()).isFalse();

        item.findElement(By.tagName("summary")).click();

        assertThat(finding.isDisplayed()).isTrue();
        assertThat(finding.getText()).isEqualTo(HtmlReportTest.HOSTILE_TEST
                + ": expected 3 but was 4 (target/surefire-reports/TEST-com.shop.CartTest.xml)");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
    }

    @Test
    void drawsEachModulesCoveredShareAsThatShareOfItsBar() throws Exception {
        open(HtmlReport.render(HtmlReportTest.aggregate()));

        List<WebElement> rows = browser.findElements(By.cssSelector("#coverage-modules g.row"));
        assertThat(rows).extracting(g -> g.findElements(By.tagName("text")).get(0).getText())
                .containsExactly("shop-core (LINE)", "shop-web<" + HtmlReportTest.HOSTILE + "> (LINE)");
        assertThat(rows).extracting(g -> (double) g.findElement(By.cssSelector("rect.covered")).getSize().getWidth()
                / g.findElement(By.cssSelector("rect.track")).getSize().getWidth())
                .satisfiesExactly(core -> assertThat(core).isCloseTo(302.0 / 320, within(0.01)),
                        web -> assertThat(web).isCloseTo(80.0 / 180, within(0.01)));
        assertThat(violations()).isEmpty();
    }

    @Test
    void loadsNothingAndBreaksNoneOfItsOwnPolicy() throws Exception {
        String url = open(HtmlReport.render(HtmlReportTest.outcome()));
        browser.findElement(By.id("expand-all")).click();

        assertThat(browser.findElement(By.id("expand-all")).getText()).as("the inline script runs").isEqualTo("Collapse all");
        assertThat(violations()).isEmpty();
        assertThat(script("return performance.getEntriesByType('resource').map(function (e) { return e.name; });")).isEqualTo(List.of());
        assertThat(requests(url)).containsExactly(url);
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    /** The control that shows the assertions above can fail: markup injected into the page is refused, reported and logged. */
    @Test
    void refusesAnInjectedScriptAndAnImageFromTheNetworkAndReportsBoth() throws Exception {
        String injected = HtmlReport.render(HtmlReportTest.outcome()).replace("<main id=\"checklist\">",
                "<img src=\"http://127.0.0.1:9/tracker.png\" alt=\"\"><script>document.title = 'injected';</script><main id=\"checklist\">");

        String url = open(injected);

        assertThat(browser.getTitle()).startsWith("Readiness FAIL");
        assertThat(requests(url)).as("the request log sees the attempt the policy refuses").containsExactly(url, "http://127.0.0.1:9/tracker.png");
        assertThat(violations()).containsExactlyInAnyOrder("img-src http://127.0.0.1:9/tracker.png", "script-src-elem inline");
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private List<String> violations() {
        return ((List<?>) script("return window.__violations;")).stream().map(String::valueOf).toList();
    }

    /** The URL of every request made for the page at {@code url}, from Chromium's performance log (the DevTools Network events). */
    private List<String> requests(String url) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = json.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asText())
                    && url.equals(message.at("/params/documentURL").asText())) {
                urls.add(message.at("/params/request/url").asText());
            }
        }
        return urls;
    }
}
