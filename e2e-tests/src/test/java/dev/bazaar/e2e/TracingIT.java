package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.SpanReceiver.ReceivedSpan;
import io.restassured.http.ContentType;

/**
 * One checkout is one trace: the gateway continues the caller's W3C trace, the order service's
 * gRPC calls and the saga's events (relayed later through each service's outbox) all stay in it,
 * and every service's log lines for it carry its trace id.
 */
class TracingIT {

    private static final List<String> SERVICES = List.of("gateway", "order", "catalog", "identity", "payment");
    private static final SecureRandom random = new SecureRandom();

    static RunningBazaar bazaar;
    static String admin;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.get();
        admin = Shoppers.admin(bazaar);
    }

    @Test
    void aCheckoutIsOneTraceAcrossAllServicesAndTheirLogs() {
        Shoppers.Shopper shopper = Shoppers.register(bazaar);
        UUID product = productWithStock(3);
        String traceId = HexFormat.of().formatHex(randomBytes(16));

        String orderId = given().baseUri(bazaar.gateway()).auth().oauth2(shopper.token()).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(CheckoutIT.order(product, 1, "tok_visa"))
                .when().post("/api/orders")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(bazaar.gateway())
                .auth().oauth2(shopper.token()).when().get("/api/orders/{id}", orderId)
                .then().statusCode(200).extract().path("status").equals("CONFIRMED"));
        await().atMost(Duration.ofSeconds(15)).until(() -> given().baseUri(bazaar.gateway()).auth().oauth2(admin)
                .when().get("/api/catalog/admin/products/{id}/stock", product)
                .then().statusCode(200).extract().jsonPath().getInt("sold") == 1);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ReceivedSpan> trace = bazaar.spans.trace(traceId);
            assertThat(trace).as(() -> "spans of trace " + traceId + ":\n" + summary(trace))
                    // the gateway names its server span by route: "POST order-place"
                    .anySatisfy(span -> isSpan(span, "gateway", "SERVER", "POST order"))
                    .anySatisfy(span -> isSpan(span, "order", "SERVER", "/api/orders"))
                    .anySatisfy(span -> isSpan(span, "order", "CLIENT", "bazaar.catalog.v1.CatalogService/"))
                    .anySatisfy(span -> isSpan(span, "catalog", "SERVER", "bazaar.catalog.v1.CatalogService/"))
                    .anySatisfy(span -> isSpan(span, "order", "CLIENT", "bazaar.identity.v1.CustomerService/"))
                    .anySatisfy(span -> isSpan(span, "identity", "SERVER", "bazaar.identity.v1.CustomerService/"))
                    // the saga's hops, each published later by an outbox relay
                    .anySatisfy(span -> isSpan(span, "payment", "CONSUMER", "order.order.placed"))
                    .anySatisfy(span -> isSpan(span, "order", "CONSUMER", "payment.payment.succeeded"))
                    .anySatisfy(span -> isSpan(span, "catalog", "CONSUMER", "order.order.confirmed"))
                    // background work (the gateway's health checks of its backends) keeps its own traces
                    .noneSatisfy(span -> assertThat(span.name()).contains("/actuator"));
        });

        String field = "\"trace_id\":\"" + traceId + "\"";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SERVICES)
                .as("services whose log has a line with " + field)
                .allSatisfy(service -> assertThat(log(service)).as(service + ".log").anyMatch(line -> line.contains(field))));
    }

    private static void isSpan(ReceivedSpan span, String service, String kind, String nameContains) {
        assertThat(span.service()).isEqualTo(service);
        assertThat(span.kind()).isEqualTo(kind);
        assertThat(span.name()).contains(nameContains);
    }

    /** Per service, the kind and name of each span: what an operator would see in a trace view. */
    private static String summary(List<ReceivedSpan> trace) {
        Map<String, List<String>> byService = trace.stream().collect(Collectors.groupingBy(ReceivedSpan::service,
                TreeMap::new, Collectors.mapping(span -> span.kind() + " " + span.name(), Collectors.toList())));
        return byService.entrySet().stream().map(entry -> "  " + entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The lines of every instance's log: whichever instance served the checkout's step wrote them. */
    private static List<String> log(String service) {
        List<String> lines = new java.util.ArrayList<>();
        for (ServiceProcess instance : bazaar.instances(service)) {
            try {
                lines.addAll(Files.readAllLines(instance.log()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }

    private UUID productWithStock(int units) {
        UUID category = UUID.fromString(given().baseUri(bazaar.gateway()).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        String id = given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "TRACE-%s", "name": "Traced Teapot", "categoryId": "%s",
                         "price": {"amount": 3900, "currency": "EUR"}, "initialStock": %d}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), category, units))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(201).body("sku", org.hamcrest.Matchers.startsWith("TRACE-")).extract().path("id");
        return UUID.fromString(id);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
