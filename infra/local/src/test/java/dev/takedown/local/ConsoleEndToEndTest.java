package dev.takedown.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.takedown.core.json.Json;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review queue widget in headless Chromium, on the local console page (as the CloudWatch console shows a custom
 * widget): a notice's two items sent to review are listed, a reviewer actions one and rejects the other, each with a
 * reason; each leaves the queue, and the notice is completed. Skipped where Chromium and its driver are not installed
 * (Debian: chromium, chromium-driver). Writes the widget's screenshot to target/review-widget.png (README's picture,
 * infra/console/review-widget.png).
 */
class ConsoleEndToEndTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    private static final String WIDGET = "ReviewWidgetFunction";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(ProjectTemplate.stack(Map.of()));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aReviewerActionsAnItemInTheWidgetAndItLeavesTheQueueWithItsNoticeCompleted() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): on Debian, apt-get install chromium chromium-driver");
        // The drill is sold under another brand and the bird seed only refers to ACME: both wait for a person.
        String noticeId = submit("1008", "1010");
        StaffInvocations.awaitReview(stack, noticeId, 0);
        StaffInvocations.awaitReview(stack, noticeId, 1);

        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeDriver browser = chromium(profile);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(stack.consoleUrl(WIDGET) + "?queue=review&pageSize=10");
            By drill = By.cssSelector("section[data-notice='" + noticeId + "'][data-index='0']");
            WebElement entry = wait.until(ExpectedConditions.visibilityOfElementLocated(drill));
            assertThat(entry.getText()).contains("Cordless drill, 18 V", "seller-honest", "tm-acme-us",
                    "BRAND_MATCH (BRAND_MISMATCH)", "SCREENSHOT");
            assertThat(browser.findElement(By.cssSelector("section[data-notice='" + noticeId + "'][data-index='1']"))
                    .getText()).contains("ACME-compatible bird seed", "REFERENTIAL_USE");

            // As the console, the page runs nothing a widget's HTML carries: scripts, handlers, frames, script URLs.
            Object kept = browser.executeScript("const node = sanitized('<img src=x onerror=\"window.ran = 1\">"
                    + "<script>window.ran = 2</script><iframe src=\"/\"></iframe><a href=\"javascript:window.ran = 3\">x</a>');"
                    + " const box = document.createElement('div'); box.appendChild(node); document.body.appendChild(box);"
                    + " box.querySelector('a').click(); return box.innerHTML;");
            assertThat(String.valueOf(kept)).isEqualTo("<img src=\"x\"><a>x</a>");
            assertThat(browser.executeScript("return window.ran === undefined;")).isEqualTo(true);

            browser.findElement(By.name("reviewer")).sendKeys("jane.doe");
            entry.findElement(By.name("reason:" + noticeId + ":0"))
                    .sendKeys("The product photos show ACME's logo on the drill; sold as ACME.");
            screenshot(browser);
            String renders = browser.findElement(By.id("widget")).getAttribute("data-renders");
            entry.findElement(By.xpath(".//a[normalize-space()='Action']")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.not(ExpectedConditions.attributeToBe(By.id("widget"), "data-renders", renders)));
            wait.until(ExpectedConditions.attributeToBe(By.id("widget"), "data-state", "ready"));

            assertThat(browser.findElement(By.cssSelector(".banner")).getText())
                    .contains("Item 0 of " + noticeId + " is now ACTIONED");
            assertThat(browser.findElements(drill)).as("the item left the queue").isEmpty();
            assertThat(browser.findElements(By.cssSelector("section[data-notice='" + noticeId + "'][data-index='1']")))
                    .hasSize(1);
            assertThat(browser.findElement(By.name("reviewer")).getAttribute("value")).isEqualTo("jane.doe");
            JsonNode item = get("/v1/notices/" + noticeId).path("items").get(0);
            assertThat(item.path("status").asText()).isEqualTo("ACTIONED");
            assertThat(item.path("decidedBy").asText()).isEqualTo("STAFF");

            // The bird seed only says what it fits: rejected with that reason, which completes the notice.
            WebElement seed = browser.findElement(By.cssSelector("section[data-notice='" + noticeId + "'][data-index='1']"));
            seed.findElement(By.name("reason:" + noticeId + ":1")).sendKeys("Only names ACME to say what it fits.");
            new Select(seed.findElement(By.name("reasonCode:" + noticeId + ":1"))).selectByValue("REFERENTIAL_USE");
            renders = browser.findElement(By.id("widget")).getAttribute("data-renders");
            seed.findElement(By.xpath(".//a[normalize-space()='Reject']")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.not(ExpectedConditions.attributeToBe(By.id("widget"), "data-renders", renders)));
            assertThat(browser.findElement(By.cssSelector(".banner")).getText())
                    .contains("Item 1 of " + noticeId + " is now REJECTED (REFERENTIAL_USE); the notice is COMPLETED");
            assertThat(browser.findElement(By.id("widget")).getText()).contains("No item waits for review.");
        } finally {
            browser.quit();
            deleteTree(profile);
        }

        JsonNode notice = get("/v1/notices/" + noticeId);
        assertThat(notice.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(notice.path("items").get(1).path("status").asText()).isEqualTo("REJECTED");
        JsonNode staffView = StaffInvocations.invoke(stack, "{\"operation\": \"getNotice\", \"noticeId\": \"" + noticeId + "\"}");
        assertThat(staffView.path("items").get(0).path("decidedBy").asText()).isEqualTo("console+jane.doe");
        assertThat(staffView.path("items").get(0).path("note").asText()).startsWith("The product photos show");
    }

    /** The page's invocations serve the page only: another origin, or none, is refused before anything runs. */
    @Test
    void theConsolePageInvokesForItsOwnOriginOnly() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(stack.consoleUrl(WIDGET)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'nonce-", "frame-ancestors 'none'", "connect-src 'self'"));
        assertThat(page.body()).contains("\"endpoint\":\"arn:aws:lambda:us-east-1:000000000000:function:" + WIDGET + "\"");

        String describe = "{\"describe\": true}";
        for (String origin : new String[] {"https://evil.example", "http://127.0.0.1:1", "null", null}) {
            assertThat(invoke(describe, origin).statusCode()).as(String.valueOf(origin)).isEqualTo(403);
        }
        HttpResponse<String> own = invokeFromPage(describe);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(Json.parse(own.body()).asText()).startsWith("## Takedown review queue");
        assertThat(HTTP.send(HttpRequest.newBuilder(stack.lambdaUrl().resolve("/local/console/NoSuchFunction")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> invokeFromPage(String event) throws Exception {
        return invoke(event, "http://127.0.0.1:" + stack.lambdaUrl().getPort());
    }

    private static HttpResponse<String> invoke(String event, String origin) throws Exception {
        ObjectNode body = Json.object().put("endpoint", "arn:aws:lambda:us-east-1:000000000000:function:" + WIDGET);
        body.set("event", Json.parse(event));
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.lambdaUrl().resolve(LocalConsole.INVOCATIONS))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Debian's Chromium and driver, named explicitly: Selenium Manager never looks for (or downloads) a browser. */
    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1100", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(ChromeDriver browser) throws Exception {
        Path png = browser.findElement(By.cssSelector(".widget")).getScreenshotAs(OutputType.FILE).toPath();
        Path target = ProjectTemplate.ROOT.resolve("infra/local/target/review-widget.png");
        Files.createDirectories(target.getParent());
        Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String submit(String... listingIds) throws Exception {
        ObjectNode notice = LocalStackEndToEndTest.notice();
        var items = notice.putArray("items");
        for (String listingId : listingIds) {
            items.addObject().put("listingId", listingId);
        }
        notice.putArray("evidence").addObject().put("url", "https://evidence.acme.example/drill.png")
                .put("sha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08").put("kind", "SCREENSHOT");
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(stack.apiUrl().resolve("/v1/notices"))
                .header("Authorization", "Bearer " + LocalStackEndToEndTest.ACME_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notice.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return Json.parse(accepted.body()).path("id").asText();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .header("Authorization", "Bearer " + LocalStackEndToEndTest.ACME_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static void deleteTree(Path directory) throws Exception {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
