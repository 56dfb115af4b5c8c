package dev.bazaar.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bazaar.testsupport.BrokerEvents;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

class AdministerCatalogIT extends CatalogIntegrationTest {

    private UUID audio() {
        return jdbc.sql("select id from categories where slug = 'audio'").query(UUID.class).single();
    }

    private String newProductJson(String sku) {
        return """
                {"sku": "%s", "name": "Lumen Desk Lamp", "description": "Warm LED light", "brand": "Lumen",
                 "categoryId": "%s", "price": {"amount": 4999, "currency": "EUR"}, "initialStock": 12}
                """.formatted(sku, audio());
    }

    private long productCount() {
        return jdbc.sql("select count(*) from products").query(Long.class).single();
    }

    @Test
    void adminCreatesAProductThatShoppersFindAndThatIsAnnounced() {
        String sku = "LMP-" + UUID.randomUUID().toString().substring(0, 6);
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "catalog.product.#")) {
            String location = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body(newProductJson(sku))
                    .when().post("/api/catalog/admin/products")
                    .then().statusCode(201)
                    .header("Location", startsWith("/api/catalog/products/"))
                    .body("sku", equalTo(sku))
                    .body("availableQuantity", equalTo(12))
                    .extract().header("Location");

            given().when().get(location).then().statusCode(200).body("name", equalTo("Lumen Desk Lamp"));
            JsonPath event = JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst());
            assertThat(event.getString("type")).isEqualTo("catalog.product.created");
            assertThat(event.getString("data.sku")).isEqualTo(sku);
            assertThat(event.getString("aggregateId")).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        }
    }

    @Test
    void refusesAnonymousAndCustomerCallersOnAdminEndpoints() {
        long before = productCount();
        given().contentType(ContentType.JSON).body(newProductJson("ANON-1"))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(tokens.customer(UUID.randomUUID())).contentType(ContentType.JSON)
                .body(newProductJson("CUST-1"))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2("not.a.jwt").contentType(ContentType.JSON).body(newProductJson("BAD-1"))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(401).contentType("application/problem+json");
        assertThat(productCount()).isEqualTo(before);
    }

    static List<String[]> badCreateBodies() {
        String category = "00000000-0000-0000-0000-000000000000";
        String base = "\"sku\": \"OK-1\", \"name\": \"Lamp\", \"categoryId\": \"" + category + "\", "
                + "\"price\": {\"amount\": 100, \"currency\": \"EUR\"}, \"initialStock\": 1";
        return List.of(
                new String[] {"{\"sku\": \"OK-1\", \"name\": ", "malformed"},
                new String[] {"{" + base + ", \"colour\": \"red\"}", "colour"},
                new String[] {"{" + base.replace("\"initialStock\": 1", "\"initialStock\": \"many\"") + "}", "initialStock"},
                new String[] {"{" + base.replace("\"initialStock\": 1", "\"initialStock\": 1.5") + "}", "initialStock"},
                new String[] {"{" + base.replace("\"amount\": 100", "\"amount\": -1") + "}", "price.amount"},
                new String[] {"{" + base.replace("\"amount\": 100", "\"amount\": 100000000000000000000000") + "}", "price.amount"},
                new String[] {"{" + base.replace("\"currency\": \"EUR\"", "\"currency\": \"euro\"") + "}", "price.currency"},
                new String[] {"{" + base.replace("\"name\": \"Lamp\"", "\"name\": \"" + "L".repeat(201) + "\"") + "}", "name"},
                new String[] {"{" + base.replace("\"name\": \"Lamp\"", "\"name\": 42") + "}", "name"},
                new String[] {"{" + base.replace("\"categoryId\": \"" + category + "\"", "\"categoryId\": \"x\"") + "}", "categoryId"},
                new String[] {"{" + base.replace("\"initialStock\": 1", "\"initialStock\": 2000000") + "}", "initialStock"},
                new String[] {"{" + base.replace("\"sku\": \"OK-1\"", "\"sku\": \"\"") + "}", "sku"},
                new String[] {"{" + base + ", \"sku\": \"TWICE\"}", "duplicate"},
                new String[] {"[]", "malformed"});
    }

    @ParameterizedTest
    @MethodSource("badCreateBodies")
    void rejectsABadProductNamingTheFieldAndChangesNothing(String body, String field) {
        long before = productCount();
        var response = given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/catalog/admin/products")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400));
        if (!field.equals("malformed") && !field.equals("duplicate")) {
            response.body("errors.field", hasItem(field));
        }
        assertThat(productCount()).isEqualTo(before);
    }

    static List<String[]> badWrites() {
        return List.of(
                new String[] {"PUT", "/price", "{\"price\": {\"amount\": -5, \"currency\": \"EUR\"}}", "price.amount"},
                new String[] {"PUT", "/price", "{\"price\": {\"amount\": \"lots\", \"currency\": \"EUR\"}}", "price.amount"},
                new String[] {"PUT", "/price", "{\"price\": {\"amount\": 5, \"currency\": \"EUR\"}, \"discount\": 1}", "discount"},
                new String[] {"PUT", "/price", "{\"price\": null}", "price"},
                new String[] {"POST", "/stock-adjustments", "{\"delta\": 0, \"reason\": \"count\"}", "deltaNonZero"},
                new String[] {"POST", "/stock-adjustments", "{\"delta\": 99999999999, \"reason\": \"count\"}", "delta"},
                new String[] {"POST", "/stock-adjustments", "{\"delta\": 5, \"reason\": \"" + "r".repeat(201) + "\"}", "reason"},
                new String[] {"POST", "/stock-adjustments", "{\"delta\": 5}", "reason"},
                new String[] {"PUT", "", "{\"name\": \"\", \"categoryId\": \"00000000-0000-0000-0000-000000000000\"}", "name"},
                new String[] {"PUT", "", "{\"name\": \"Lamp\", \"categoryId\": \"00000000-0000-0000-0000-000000000000\", \"imageUrl\": \"javascript:alert(1)\"}", "imageUrl"},
                new String[] {"PUT", "", "{\"name\": \"Lamp\", \"categoryId\": \"00000000-0000-0000-0000-000000000000\", \"status\": \"ACTIVE\"}", "status"});
    }

    @ParameterizedTest
    @MethodSource("badWrites")
    void rejectsBadAdminWritesNamingTheFieldAndChangesNothing(String method, String path, String body, String field) {
        UUID id = productWithStock(4);
        long version = jdbc.sql("select version from products where id = ?").param(id).query(Long.class).single();

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(body)
                .when().request(method, "/api/catalog/admin/products/{id}" + path, id)
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(field));

        assertThat(jdbc.sql("select version from products where id = ?").param(id).query(Long.class).single())
                .isEqualTo(version);
        assertThat(stockOf(id)).isEqualTo(new Stock(4, 0, 0));
    }

    @Test
    void refusesCustomersOnEveryAdminWrite() {
        UUID id = productWithStock(4);
        String customer = tokens.customer(UUID.randomUUID());
        given().auth().oauth2(customer).contentType(ContentType.JSON).body("{\"price\": {\"amount\": 1, \"currency\": \"EUR\"}}")
                .when().put("/api/catalog/admin/products/{id}/price", id).then().statusCode(403);
        given().auth().oauth2(customer).contentType(ContentType.JSON).body("{\"delta\": 5, \"reason\": \"x\"}")
                .when().post("/api/catalog/admin/products/{id}/stock-adjustments", id).then().statusCode(403);
        given().auth().oauth2(customer).when().post("/api/catalog/admin/products/{id}/archive", id).then().statusCode(403);
        given().when().post("/api/catalog/admin/products/{id}/archive", id).then().statusCode(401);
        given().auth().oauth2(customer).when().get("/api/catalog/admin/dead-letters").then().statusCode(403);
        given().auth().oauth2(tokens.admin()).when().get("/api/catalog/admin/dead-letters")
                .then().statusCode(200).body("queue", hasItem(org.hamcrest.Matchers.endsWith("catalog.order.order.confirmed")));
        assertThat(stockOf(id)).isEqualTo(new Stock(4, 0, 0));
    }

    @Test
    void refusesADuplicateSkuAndAnUnknownCategory() {
        String sku = "DUP-" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(newProductJson(sku))
                .when().post("/api/catalog/admin/products").then().statusCode(201);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(newProductJson(sku.toLowerCase()))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(409).body("type", equalTo("urn:bazaar:problem:sku-taken"));
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body(newProductJson("NEW-" + UUID.randomUUID().toString().substring(0, 6))
                        .replace(audio().toString(), UUID.randomUUID().toString()))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(422).body("type", equalTo("urn:bazaar:problem:unknown-category"));
    }

    @Test
    void refusesASkuThatDiffersOnlyInCaseFromAnExistingOne() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(newProductJson("ABC-" + suffix))
                .when().post("/api/catalog/admin/products").then().statusCode(201).body("sku", equalTo("ABC-" + suffix));

        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON).body(newProductJson("abc-" + suffix))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:bazaar:problem:sku-taken"));
        assertThat(productsWithSku("abc-" + suffix)).isEqualTo(1);
    }

    @Test
    void createsOneProductWhenCaseVariantsOfASkuArriveAtOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        List<String> variants = List.of("race-" + suffix, "RACE-" + suffix, "Race-" + suffix, "rACE-" + suffix,
                "RaCe-" + suffix, "rAcE-" + suffix);
        String token = tokens.admin();
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses;
        try (ExecutorService callers = Executors.newFixedThreadPool(variants.size())) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (String sku : variants) {
                String body = newProductJson(sku);
                answers.add(callers.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                            .when().post("/api/catalog/admin/products").then().extract().statusCode();
                }));
            }
            start.countDown();
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
        }

        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(productsWithSku("race-" + suffix)).isEqualTo(1);
    }

    private long productsWithSku(String sku) {
        return jdbc.sql("select count(*) from products where lower(sku) = lower(?)").param(sku)
                .query(Long.class).single();
    }

    @Test
    void changesPriceAndAnnouncesOldAndNew() {
        UUID id = productWithStock(5);
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "catalog.product.price-changed")) {
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body("{\"price\": {\"amount\": 1999, \"currency\": \"EUR\"}}")
                    .when().put("/api/catalog/admin/products/{id}/price", id)
                    .then().statusCode(200).body("price.amount", equalTo(1999));

            JsonPath event = JsonPath.from(events.await(1, Duration.ofSeconds(10)).getFirst());
            assertThat(event.getString("aggregateId")).isEqualTo(id.toString());
            assertThat(event.getLong("data.oldPrice.amount")).isEqualTo(2599);
            assertThat(event.getLong("data.newPrice.amount")).isEqualTo(1999);
        }
    }

    @Test
    void adjustsStockAnnouncesItAndRefusesToWriteOffMoreThanIsOnSale() {
        UUID id = productWithStock(5);
        try (BrokerEvents events = BrokerEvents.listen(rabbit.exchange(), "catalog.stock.*")) {
            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body("{\"delta\": -6, \"reason\": \"broken in transit\"}")
                    .when().post("/api/catalog/admin/products/{id}/stock-adjustments", id)
                    .then().statusCode(409).body("type", equalTo("urn:bazaar:problem:insufficient-stock"));
            assertThat(stockOf(id)).isEqualTo(new Stock(5, 0, 0));

            given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                    .body("{\"delta\": -5, \"reason\": \"broken in transit\"}")
                    .when().post("/api/catalog/admin/products/{id}/stock-adjustments", id)
                    .then().statusCode(200).body("availableQuantity", equalTo(0)).body("inStock", equalTo(false));
            given().auth().oauth2(tokens.admin()).when().get("/api/catalog/admin/products/{id}/stock", id)
                    .then().statusCode(200).body("available", equalTo(0)).body("reserved", equalTo(0)).body("sold", equalTo(0));

            List<String> types = events.await(2, Duration.ofSeconds(10)).stream()
                    .map(e -> JsonPath.from(e).getString("type")).toList();
            assertThat(types).containsExactlyInAnyOrder("catalog.stock.adjusted", "catalog.stock.depleted");
        }
        long adjustments = jdbc.sql("select coalesce(sum(delta), 0) from stock_adjustments where product_id = ?")
                .param(id).query(Long.class).single();
        assertThat(adjustments).isZero();
    }

    @Test
    void archivesIdempotentlyAndUpdatesDetails() {
        UUID id = productWithStock(1);
        given().auth().oauth2(tokens.admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Renamed Kettle\", \"categoryId\": \"" + audio() + "\"}")
                .when().put("/api/catalog/admin/products/{id}", id)
                .then().statusCode(200).body("name", equalTo("Renamed Kettle")).body("category.slug", equalTo("audio"));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(tokens.admin())
                    .when().post("/api/catalog/admin/products/{id}/archive", id)
                    .then().statusCode(200).body("status", equalTo("ARCHIVED"));
        }
        given().auth().oauth2(tokens.admin())
                .when().post("/api/catalog/admin/products/{id}/archive", UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
