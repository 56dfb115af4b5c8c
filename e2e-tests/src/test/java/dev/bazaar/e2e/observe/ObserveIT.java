package dev.bazaar.e2e.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.bazaar.e2e.HeadlessChromium;
import dev.bazaar.testsupport.ShopperLogin;
import io.restassured.http.ContentType;

/**
 * What {@code ./bazaar up --observe} promises a person on a plain machine, in a real (headless)
 * Chromium: a checkout placed through the gateway is one trace in Zipkin, found by the trace id
 * the gateway's access log gives it, with spans of all five services; Prometheus' targets page
 * shows every instance that {@code up} started, up.
 *
 * <p>Runs against a system that is already running, and only when told to:
 * {@code -Dbazaar.observe=true} (CI does it after {@code ./bazaar up --observe}), with
 * {@code bazaar.observe.gateway}, {@code .zipkin}, {@code .prometheus} and {@code .state} (the
 * {@code .bazaar} folder) when they are not the defaults.
 */
@EnabledIfSystemProperty(named = "bazaar.observe", matches = "true|1|yes")
class ObserveIT {

    private static final List<String> SERVICES = List.of("gateway", "identity", "catalog", "order", "payment");
    private static final Set<String> OBSERVERS = Set.of("zipkin", "prometheus");
    private static final Pattern TRACE_ID = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"");

    static final String GATEWAY = System.getProperty("bazaar.observe.gateway", "http://localhost:8080");
    static final String ZIPKIN = System.getProperty("bazaar.observe.zipkin", "http://127.0.0.1:9411");
    static final String PROMETHEUS = System.getProperty("bazaar.observe.prometheus", "http://127.0.0.1:9090");
    static final Path STATE = Path.of(System.getProperty("bazaar.observe.state",
            Path.of(System.getProperty("bazaar.root", "..")).resolve(".bazaar").toString())).toAbsolutePath().normalize();

    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void openBrowser() throws IOException {
        browser = HeadlessChromium.open();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @RegisterExtension
    final TestWatcher evidence = HeadlessChromium.evidence("observe", () -> browser);

    @Test
    void aCheckoutIsOneTraceInZipkinWithSpansOfAllFiveServices() throws IOException {
        String token = ShopperLogin.to(URI.create(GATEWAY)).accessToken("alice@bazaar.dev", "Alice-dev-password-1");
        String product = given().baseUri(GATEWAY).when().get("/api/catalog/products?inStock=true&size=1")
                .then().statusCode(200).extract().path("items[0].id");
        Path accessLog = STATE.resolve("logs/gateway.log");
        long logBefore = Files.size(accessLog);

        String order = given().baseUri(GATEWAY).auth().oauth2(token).contentType(ContentType.JSON)
                .header("Idempotency-Key", "observe-" + UUID.randomUUID())
                .body("""
                        {"lines": [{"productId": "%s", "quantity": 1}],
                         "shippingAddress": {"name": "Alice", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"},
                         "paymentToken": "tok_visa"}""".formatted(product))
                .when().post("/api/orders")
                .then().statusCode(201).extract().path("id");
        // the trace id as an operator finds it: the gateway's access-log line of that POST
        String traceId = await("the access-log line of POST /api/orders").atMost(Duration.ofSeconds(10))
                .until(() -> placementTraceId(accessLog, logBefore), id -> id != null);
        await("order " + order + " confirmed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> given().baseUri(GATEWAY).auth().oauth2(token).when().get("/api/orders/" + order)
                        .then().statusCode(200).extract().<String>path("status"), "CONFIRMED"::equals);
        // the agents send their spans in batches every few seconds
        await("spans of every service in Zipkin's trace " + traceId).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> servicesInTrace(traceId), services -> services.containsAll(SERVICES));

        browser.get(ZIPKIN + "/zipkin/");
        WebElement search = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("input[placeholder*='trace id' i]")));
        search.sendKeys(traceId, Keys.ENTER);

        wait.until(ExpectedConditions.urlContains("/traces/" + traceId));
        WebElement summary = wait.until(driver -> {
            WebElement page = driver.findElement(By.tagName("body"));
            return page.getText().contains(traceId) && page.getText().contains("Services") ? page : null;
        });
        assertThat(summary.getText()).as("the trace page's summary").containsPattern("Services\\s+5\\b");
        String spans = spanRows();
        for (String service : SERVICES) {
            assertThat(spans).as("the trace's spans list one of " + service).contains(service + ":");
        }
    }

    @Test
    void prometheusTargetsPageShowsEveryInstanceUp() throws IOException {
        Set<String> instances = startedInstances();
        assertThat(instances).as("instances in " + STATE.resolve("run")).contains("gateway", "identity", "catalog", "order", "payment");

        browser.get(PROMETHEUS + "/");
        WebElement targetsLink = wait.until(driver -> driver.findElements(By.cssSelector("a[href$='targets']")).stream()
                .findFirst().orElse(null));
        browser.get(targetsLink.getAttribute("href"));

        // the first scrape of every target comes within a scrape interval (15 s) of the start
        await("every instance up on Prometheus' targets page").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                    browser.navigate().refresh();
                    Set<String> up = new TreeSet<>();
                    for (WebElement row : wait.until(ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector("table tbody tr")))) {
                        String labels = row.findElement(By.cssSelector("td.labels")).getText();
                        String state = row.findElement(By.cssSelector("td.state")).getText().strip();
                        Matcher instance = Pattern.compile("instance=\"([^\"]+)\"").matcher(labels);
                        if (instance.find() && state.equalsIgnoreCase("up")) {
                            up.add(instance.group(1));
                        }
                    }
                    assertThat(up).as("instances shown up").containsAll(instances);
                });
        Files.write(Path.of("target", "observe-prometheus-targets.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The text of every span row on Zipkin's trace page: it renders only the rows in view, so the
     * window is made tall enough for a checkout's hundred-odd spans first.
     */
    private static String spanRows() {
        Dimension before = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(before.getWidth(), 12_000));
        try {
            return wait.until(driver -> {
                String text = driver.findElement(By.tagName("body")).getText();
                return SERVICES.stream().allMatch(service -> text.contains(service + ":")) ? text : null;
            });
        } catch (org.openqa.selenium.TimeoutException shownNotAll) {
            return browser.findElement(By.tagName("body")).getText();
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    private static String placementTraceId(Path accessLog, long from) throws IOException {
        String written = Files.readString(accessLog).substring((int) from);
        return written.lines()
                .filter(line -> line.contains("\"message\":\"request served\"") && line.contains("\"method\":\"POST\"")
                        && line.contains("\"path\":\"/api/orders\"") && line.contains("\"status\":201"))
                .map(TRACE_ID::matcher).filter(Matcher::find).map(m -> m.group(1)).reduce((first, last) -> last).orElse(null);
    }

    private static Set<String> servicesInTrace(String traceId) {
        int status = given().baseUri(ZIPKIN).when().get("/zipkin/api/v2/trace/" + traceId).then().extract().statusCode();
        if (status != 200) {
            return Set.of();
        }
        List<String> names = given().baseUri(ZIPKIN).when().get("/zipkin/api/v2/trace/" + traceId)
                .then().extract().jsonPath().getList("localEndpoint.serviceName", String.class);
        return new TreeSet<>(names);
    }

    /** The instances the running {@code ./bazaar up} started: its pid files, the observers left out. */
    private static Set<String> startedInstances() throws IOException {
        try (var files = Files.list(STATE.resolve("run"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pid"))
                    .map(n -> n.substring(0, n.length() - ".pid".length())).filter(n -> !OBSERVERS.contains(n))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }
}
