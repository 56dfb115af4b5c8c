package dev.bazaar.e2e.badinput;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.Shoppers;
import dev.bazaar.e2e.cart.Carts;
import io.restassured.http.ContentType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Malformed requests to every public REST endpoint, through the gateway, with the caller each
 * endpoint is for (anonymous, a shopper, an admin). Every input is invalid by construction (see
 * {@link BadBodies} and {@link BadParameters}), so every answer must be a 4xx problem+json:
 * never a 5xx, never a 2xx. A try is one request; a 429 is sent again after its Retry-After and
 * not counted. Each property compares each service's database before and after
 * ({@link DatabaseFingerprint}): nothing may have changed. Violations are collected, not
 * stopped at, and the property fails listing them all.
 * <p>
 * Each property makes {@code bazaar.badinput.tries} requests (200 in an ordinary build, from a
 * new random seed each run; {@code -Dbazaar.badinput.tries=1000} for the full count).
 * <p>
 * Not here: {@code POST /api/identity/admin/keys/rotate}, {@code GET /api/catalog/categories},
 * {@code GET /api/identity/me}, {@code GET /api/*}{@code /admin/dead-letters}, {@code POST /api/carts}
 * and a shopper's {@code GET} and {@code DELETE /api/cart} take no input to break (any request to
 * them is valid; a guest's cart requests are here, by their {@code X-Cart-Id}); the OAuth2
 * sign-in pages ({@code /oauth2/authorize}, {@code /login}) answer browsers with redirects and HTML
 * by protocol, and failed sign-ins lock accounts and addresses (the attacks suite covers that
 * throttle).
 */
@PropertyDefaults(generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
class BadInputIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> SERVICES = List.of("identity", "catalog", "order", "payment");

    static RunningBazaar bazaar;
    static GatewayClient gateway;
    static SignedInCallers shoppers;
    static SignedInCallers admins;
    static UUID product;
    /** Priced near the largest amount a payment can carry: two of it make a total no order may have. */
    static UUID pricyProduct;
    static UUID category;
    static UUID roleTarget;
    static Map<String, List<String>> deadLetterQueues = new LinkedHashMap<>();
    /** A guest's cart holding a line: bad X-Cart-Ids are aimed near it, bad bodies sent with it. */
    static String guestCart;
    /** Another guest's cart holding a line, which a merge let through would empty into a shopper's. */
    static String mergeableCart;
    /** Every shopper's cart holds one line, set once: version 1, what a checkout let through would order. */
    static final String SHOPPERS_CART_VERSION = "\"1\"";
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private final Map<String, DatabaseFingerprint> before = new LinkedHashMap<>();
    private String endpoint;
    /** Tables a property's refusals may write to (the record of an answer to replay), "service.table". */
    private Set<String> mayChange = Set.of();

    @BeforeContainer
    static void startBazaar() {
        bazaar = RunningBazaar.get();
        gateway = new GatewayClient();
        String admin = Shoppers.admin(bazaar);
        // eight shoppers: placing orders allows each 20 a second, and a thousand tries come faster
        shoppers = SignedInCallers.of(bazaar, IntStream.range(0, 8).mapToObj(i -> Shoppers.register(bazaar)).toList());
        List<String[]> adminCredentials = new ArrayList<>();
        adminCredentials.add(new String[] {"admin@bazaar.dev", "Dev-admin-password-1"});
        for (int i = 0; i < 2; i++) {
            Shoppers.Shopper promoted = Shoppers.register(bazaar);
            given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                    .body("{\"roles\": [\"CUSTOMER\", \"ADMIN\"]}")
                    .when().put("/api/identity/admin/users/{id}/roles", promoted.id()).then().statusCode(200);
            adminCredentials.add(new String[] {promoted.email(), promoted.password()});
        }
        admins = SignedInCallers.ofCredentials(bazaar, adminCredentials);
        roleTarget = Shoppers.register(bazaar).id();
        category = UUID.fromString(given().baseUri(bazaar.gateway()).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        product = UUID.fromString(given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "BAD-INPUT-%s", "name": "Bad input fixture", "categoryId": "%s",
                         "price": {"amount": 1250, "currency": "EUR"}, "initialStock": 1000}""".formatted(RUN, category))
                .when().post("/api/catalog/admin/products").then().statusCode(201).extract().path("id"));
        pricyProduct = UUID.fromString(given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "BAD-INPUT-PRICY-%s", "name": "Bad input fixture, pricy", "categoryId": "%s",
                         "price": {"amount": 9000000000, "currency": "EUR"}, "initialStock": 1000}""".formatted(RUN, category))
                .when().post("/api/catalog/admin/products").then().statusCode(201).extract().path("id"));
        for (String service : SERVICES) {
            List<String> queues = given().baseUri(bazaar.gateway()).auth().oauth2(admin)
                    .when().get("/api/" + service + "/admin/dead-letters").then().statusCode(200).extract().path("queue");
            deadLetterQueues.put(service, queues == null ? List.of() : queues);
        }
        guestCart = Carts.newGuestCart(bazaar.gateway());
        Carts.setLineSettled(bazaar.gateway(), null, guestCart, product, 1).then().statusCode(200);
        mergeableCart = Carts.newGuestCart(bazaar.gateway());
        Carts.setLineSettled(bazaar.gateway(), null, mergeableCart, product, 1).then().statusCode(200);
        shoppers.forEachToken(token -> Carts.setLineSettled(bazaar.gateway(), token, null, product, 1).then()
                .statusCode(200).header("ETag", SHOPPERS_CART_VERSION));
        DatabaseFingerprint.awaitQuiet(bazaar);
    }

    private static Map<String, DatabaseFingerprint> fingerprints() {
        return DatabaseFingerprint.all(bazaar);
    }

    @BeforeProperty
    void snapshotDatabases() {
        before.putAll(fingerprints());
    }

    @AfterProperty
    void nothingChangedAndEveryAnswerWasARefusal() {
        List<String> changes = new ArrayList<>();
        fingerprints().forEach((service, after) -> changes.addAll(before.get(service).differencesTo(after)));
        changes.removeIf(change -> mayChange.stream().anyMatch(table -> change.startsWith(table + ":")));
        changes.forEach(change -> BadInputReport.get().databaseChanged(endpoint + ": " + change));
        List<BadInputReport.Violation> violations = BadInputReport.get().violationsOf(endpoint);
        if (!violations.isEmpty() || !changes.isEmpty()) {
            throw new AssertionError(endpoint + ": " + violations.size() + " answers were not a 4xx problem+json"
                    + violations.stream().map(v -> "\n  " + v.answer() + " for " + v.input() + "\n    " + v.body())
                            .collect(Collectors.joining())
                    + (changes.isEmpty() ? "" : "\n  database changed: " + String.join("\n  ", changes)));
        }
    }

    @AfterContainer
    static void publishReport() {
        BadInputReport.get().publish();
    }

    // ---- JSON bodies ------------------------------------------------------------------------

    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";

    static BadBodies.Shape registration() {
        Map<String, String> valid = new LinkedHashMap<>();
        String email = "bad-input-" + RUN + "@example.com";
        valid.put("email", Json.string(email));
        valid.put("password", Json.string("Correct-Horse-42"));
        valid.put("displayName", Json.string("Bad Input"));
        Arbitrary<String> weakPassword = Arbitraries.oneOf(
                OddText.any().filter(s -> s.length() < 10).map(Json::string),
                OddText.longerThan(128).map(Json::string),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(10).ofMaxLength(128).map(Json::string),
                Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(128).map(Json::string),
                Arbitraries.of("null", Json.string(email), "1234567890", "true"), BadValues.wrongContainer());
        Map<String, Arbitrary<String>> broken = new LinkedHashMap<>();
        broken.put("email", BadValues.notMatching(EMAIL, 254, true));
        broken.put("password", weakPassword);
        broken.put("displayName", BadValues.requiredText(100));
        return new BadBodies.Shape(valid, broken, List.of("email", "password", "displayName"));
    }

    static Map<String, String> money() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("amount", "1999");
        valid.put("currency", Json.string("EUR"));
        return valid;
    }

    static Arbitrary<String> brokenMoney() {
        return BadValues.object(money(), Map.of("amount", BadValues.integer(0, 10_000_000_000L),
                "currency", BadValues.notMatching("[A-Z]{3}", 3, true)), List.of("amount", "currency"));
    }

    static BadBodies.Shape order() {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("productId", Json.string(product.toString()));
        line.put("quantity", "1");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("lines", "[" + Json.object(line) + "]");
        valid.put("shippingAddress", Json.object(address()));
        valid.put("paymentToken", Json.string("tok_visa"));
        Arbitrary<String> brokenLine = BadValues.object(line, Map.of("productId", BadValues.uuid(),
                "quantity", BadValues.integer(1, 100)), List.of("productId", "quantity"));
        Arbitrary<String> brokenLines = Arbitraries.oneOf(
                Arbitraries.of("null", "[]", "\"x\"", "{}", "[null]", "42", "[" + Json.object(line) + ", " + Json.object(line) + "]",
                        "[" + Json.object(line) + ", null]"),
                brokenLine.map(l -> "[" + Json.object(line).replace(product.toString(), UUID.randomUUID().toString()) + ", " + l + "]"),
                brokenLine.map(l -> "[" + l + "]"),
                Arbitraries.integers().between(51, 120).map(n -> IntStream.range(0, n)
                        .mapToObj(i -> "{\"productId\": \"" + UUID.randomUUID() + "\", \"quantity\": 1}")
                        .collect(Collectors.joining(", ", "[", "]"))));
        Map<String, Arbitrary<String>> broken = new LinkedHashMap<>();
        broken.put("lines", brokenLines);
        broken.put("shippingAddress", brokenAddress());
        broken.put("paymentToken", brokenPaymentToken());
        return new BadBodies.Shape(valid, broken, List.of("lines", "shippingAddress", "paymentToken"));
    }

    /** A shipping address as orders and cart checkouts take it. */
    static Map<String, String> address() {
        Map<String, String> address = new LinkedHashMap<>();
        address.put("name", Json.string("Grace Hopper"));
        address.put("line1", Json.string("1 Compiler Way"));
        address.put("city", Json.string("Arlington"));
        address.put("postalCode", Json.string("22201"));
        address.put("country", Json.string("US"));
        return address;
    }

    static Arbitrary<String> brokenAddress() {
        Map<String, Arbitrary<String>> brokenAddress = new LinkedHashMap<>();
        brokenAddress.put("name", BadValues.requiredText(100));
        brokenAddress.put("line1", BadValues.requiredText(200));
        brokenAddress.put("line2", BadValues.optionalText(200));
        brokenAddress.put("city", BadValues.requiredText(100));
        brokenAddress.put("postalCode", BadValues.requiredText(20));
        brokenAddress.put("country", BadValues.notMatching("[A-Z]{2}", 2, true));
        return BadValues.object(address(), brokenAddress, List.of("name", "line1", "city", "postalCode", "country"));
    }

    static Arbitrary<String> brokenPaymentToken() {
        return BadValues.notMatching("[A-Za-z0-9_]+", 100, true);
    }

    static Map<String, Arbitrary<String>> productDetails() {
        Map<String, Arbitrary<String>> broken = new LinkedHashMap<>();
        broken.put("name", BadValues.requiredText(200));
        broken.put("description", BadValues.optionalText(4000));
        broken.put("brand", BadValues.optionalText(100));
        broken.put("categoryId", BadValues.uuid());
        broken.put("imageUrl", BadValues.notMatching("https?://\\S+", 500, false));
        return broken;
    }

    static BadBodies.Shape newProduct() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("sku", Json.string("BAD-NEW-" + RUN));
        valid.put("name", Json.string("Never created"));
        valid.put("description", Json.string("A product no malformed request may create"));
        valid.put("brand", Json.string("Bazaar"));
        valid.put("categoryId", Json.string(category.toString()));
        valid.put("price", Json.object(money()));
        valid.put("imageUrl", Json.string("https://example.com/cup.png"));
        valid.put("initialStock", "5");
        Map<String, Arbitrary<String>> broken = new LinkedHashMap<>(productDetails());
        broken.put("sku", BadValues.notMatching("[A-Za-z0-9][A-Za-z0-9._-]*", 40, true));
        broken.put("price", brokenMoney());
        broken.put("initialStock", BadValues.integer(0, 1_000_000));
        return new BadBodies.Shape(valid, broken, List.of("sku", "name", "categoryId", "price", "initialStock"));
    }

    static BadBodies.Shape productUpdate() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("name", Json.string("Never renamed"));
        valid.put("description", Json.string("Never changed"));
        valid.put("brand", Json.string("Bazaar"));
        valid.put("categoryId", Json.string(category.toString()));
        valid.put("imageUrl", Json.string("https://example.com/cup.png"));
        return new BadBodies.Shape(valid, productDetails(), List.of("name", "categoryId"));
    }

    static BadBodies.Shape priceChange() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("price", Json.object(money()));
        return new BadBodies.Shape(valid, Map.of("price", brokenMoney()), List.of("price"));
    }

    static BadBodies.Shape stockAdjustment() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("delta", "5");
        valid.put("reason", Json.string("received"));
        Map<String, Arbitrary<String>> broken = new LinkedHashMap<>();
        broken.put("delta", Arbitraries.oneOf(BadValues.integer(-1_000_000, 1_000_000), Arbitraries.of("0", "-0")));
        broken.put("reason", BadValues.requiredText(200));
        return new BadBodies.Shape(valid, broken, List.of("delta", "reason"));
    }

    static BadBodies.Shape roleChange() {
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("roles", "[\"CUSTOMER\"]");
        Set<String> roles = Set.of("customer", "admin");
        // Jackson reads a digit string as an enum's ordinal: such names are left out
        Arbitrary<String> unknownRole = OddText.any()
                .filter(s -> !roles.contains(s.strip().toLowerCase()) && !s.strip().matches("-?\\d+") && !s.isBlank())
                .map(Json::string);
        Arbitrary<String> broken = Arbitraries.oneOf(
                Arbitraries.of("null", "[]", "\"CUSTOMER\"", "{}", "[null]", "[\"CUSTOMER\", null]", "[2]", "[-1]", "[99]",
                        "[\"customer\"]", "[\"Admin\"]", "[\"ADMIN \"]", "[\"\"]", "[true]", "[{}]", "[[\"ADMIN\"]]"),
                unknownRole.map(r -> "[" + r + "]"),
                unknownRole.map(r -> "[\"CUSTOMER\", " + r + "]"));
        return new BadBodies.Shape(valid, Map.of("roles", broken), List.of("roles"));
    }

    // ---- the properties ---------------------------------------------------------------------

    @Property
    void registerRefusesMalformedBodies(@ForAll("registrations") BadBodies.Body body) {
        sendBody("POST /api/identity/register", "POST", "/api/identity/register", body, null, Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> registrations() {
        return BadBodies.of(registration());
    }

    @Property
    void placeOrderRefusesMalformedBodiesAndKeys(@ForAll("orders") Tuple.Tuple2<BadBodies.Body, String> request) {
        Map<String, String> headers = request.get2() == null ? Map.of() : Map.of("Idempotency-Key", request.get2());
        sendBody("POST /api/orders", "POST", "/api/orders", request.get1(), shoppers.token(), headers);
    }

    @Provide
    Arbitrary<Tuple.Tuple2<BadBodies.Body, String>> orders() {
        BadBodies.Shape shape = order();
        // a fresh valid key for each broken body, so a body wrongly accepted would make an order
        Arbitrary<Tuple.Tuple2<BadBodies.Body, String>> brokenBodies = BadBodies.of(shape)
                .map(body -> Tuple.of(body, UUID.randomUUID().toString()));
        // a valid body with a key that is missing or not [A-Za-z0-9_-]{1,100} once trimmed
        Arbitrary<Tuple.Tuple2<BadBodies.Body, String>> badKey = Arbitraries.oneOf(badKeys(), Arbitraries.just((String) null))
                .map(key -> Tuple.of(new BadBodies.Body("valid body, key " + (key == null ? "missing" : "'" + key + "'"),
                        BadBodies.utf8(shape.validJson()), "application/json"), key));
        return Arbitraries.frequencyOf(Tuple.of(88, brokenBodies), Tuple.of(12, badKey));
    }

    /** Idempotency-Keys that are not [A-Za-z0-9_-]{1,100} once trimmed. */
    static Arbitrary<String> badKeys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(120),
                Arbitraries.strings().alpha().ofMinLength(101).ofMaxLength(300),
                Arbitraries.of("", "a b", "key/1", "../x", "k;DROP", "k'--", "%0d%0a", "k\tk", "k\"k", "k,k"))
                .filter(key -> !key.strip().matches("[A-Za-z0-9_-]{1,100}"));
    }

    /**
     * Well-formed orders whose total is more than any order may have (the payment limit): refused
     * at placement with 422, before any stock is reserved (the fingerprint of catalog's tables
     * says so), rather than becoming a payment message that can never be applied.
     */
    @Property
    void placeOrderRefusesTotalsAboveTheLimit(@ForAll("oversizedOrders") String body) {
        // a placement that ran (catalog priced it) keeps its 422 for its key's replay, as for an
        // unknown product; no order, reservation or event may come of it
        mayChange = Set.of("order.idempotency_keys");
        sendBody("POST /api/orders (total above the limit)", "POST", "/api/orders",
                new BadBodies.Body(body, BadBodies.utf8(body), "application/json"), shoppers.token(),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    }

    @Provide
    Arbitrary<String> oversizedOrders() {
        Arbitrary<String> pricyLine = Arbitraries.integers().between(2, 100)
                .map(quantity -> "{\"productId\": \"" + pricyProduct + "\", \"quantity\": " + quantity + "}");
        Arbitrary<String> cheapLine = Arbitraries.integers().between(1, 100)
                .map(quantity -> "{\"productId\": \"" + product + "\", \"quantity\": " + quantity + "}");
        // the pricy line over the limit on its own, maybe beside an ordinary one (repeating a product is refused as such)
        Arbitrary<String> lines = Combinators.combine(pricyLine, cheapLine.list().ofMaxSize(1))
                .as((pricy, cheap) -> Stream.concat(Stream.of(pricy), cheap.stream()).collect(Collectors.joining(", ", "[", "]")));
        Map<String, String> valid = order().valid();
        return lines.map(l -> {
            Map<String, String> members = new LinkedHashMap<>(valid);
            members.put("lines", l);
            return Json.object(members);
        });
    }

    @Property
    void createProductRefusesMalformedBodies(@ForAll("newProducts") BadBodies.Body body) {
        sendBody("POST /api/catalog/admin/products", "POST", "/api/catalog/admin/products", body, admins.token(), Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> newProducts() {
        return BadBodies.of(newProduct());
    }

    @Property
    void updateProductRefusesMalformedBodies(@ForAll("productUpdates") BadBodies.Body body) {
        sendBody("PUT /api/catalog/admin/products/{id}", "PUT", "/api/catalog/admin/products/" + product, body,
                admins.token(), Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> productUpdates() {
        return BadBodies.of(productUpdate());
    }

    @Property
    void changePriceRefusesMalformedBodies(@ForAll("priceChanges") BadBodies.Body body) {
        sendBody("PUT /api/catalog/admin/products/{id}/price", "PUT", "/api/catalog/admin/products/" + product + "/price",
                body, admins.token(), Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> priceChanges() {
        return BadBodies.of(priceChange());
    }

    @Property
    void adjustStockRefusesMalformedBodies(@ForAll("stockAdjustments") BadBodies.Body body) {
        sendBody("POST /api/catalog/admin/products/{id}/stock-adjustments", "POST",
                "/api/catalog/admin/products/" + product + "/stock-adjustments", body, admins.token(), Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> stockAdjustments() {
        return BadBodies.of(stockAdjustment());
    }

    @Property
    void changeRolesRefusesMalformedBodies(@ForAll("roleChanges") BadBodies.Body body) {
        sendBody("PUT /api/identity/admin/users/{id}/roles", "PUT", "/api/identity/admin/users/" + roleTarget + "/roles",
                body, admins.token(), Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> roleChanges() {
        return BadBodies.of(roleChange());
    }

    // ---- path variables ---------------------------------------------------------------------

    @Provide
    Arbitrary<String> ids() {
        return BadParameters.pathId();
    }

    @Property
    void productRefusesBadIds(@ForAll("ids") String id) {
        sendPath("GET /api/catalog/products/{id}", "GET", "/api/catalog/products/" + id, null);
    }

    @Property
    void stockRefusesBadIds(@ForAll("ids") String id) {
        sendPath("GET /api/catalog/admin/products/{id}/stock", "GET", "/api/catalog/admin/products/" + id + "/stock",
                admins.token());
    }

    @Property
    void archiveRefusesBadIds(@ForAll("ids") String id) {
        sendPath("POST /api/catalog/admin/products/{id}/archive", "POST", "/api/catalog/admin/products/" + id + "/archive",
                admins.token());
    }

    @Property
    void orderRefusesBadIds(@ForAll("ids") String id) {
        sendPath("GET /api/orders/{id}", "GET", "/api/orders/" + id, shoppers.token());
    }

    @Property
    void orderHistoryRefusesBadIds(@ForAll("ids") String id) {
        sendPath("GET /api/orders/{id}/history", "GET", "/api/orders/" + id + "/history", shoppers.token());
    }

    @Property
    void cancelRefusesBadIds(@ForAll("ids") String id) {
        sendPath("POST /api/orders/{id}/cancel", "POST", "/api/orders/" + id + "/cancel", shoppers.token());
    }

    @Property
    void paymentRefusesBadIds(@ForAll("ids") String id) {
        sendPath("GET /api/payments/{id}", "GET", "/api/payments/" + id, shoppers.token());
    }

    @Property
    void userRefusesBadIds(@ForAll("ids") String id) {
        sendPath("GET /api/identity/admin/users/{id}", "GET", "/api/identity/admin/users/" + id, admins.token());
    }

    @Property
    void disableRefusesBadIds(@ForAll("ids") String id) {
        sendPath("POST /api/identity/admin/users/{id}/disable", "POST", "/api/identity/admin/users/" + id + "/disable",
                admins.token());
    }

    @Property
    void enableRefusesBadIds(@ForAll("ids") String id) {
        sendPath("POST /api/identity/admin/users/{id}/enable", "POST", "/api/identity/admin/users/" + id + "/enable",
                admins.token());
    }

    /** An unknown queue (any limit), or a known one with a limit that is no number. */
    @Provide
    Arbitrary<String> redrives() {
        Arbitrary<String> unknownQueue = Combinators.combine(
                Arbitraries.oneOf(OddText.any().filter(s -> !s.isEmpty()).map(BadParameters::encode), Arbitraries.of(BadParameters.RAW_SEGMENTS)),
                Arbitraries.oneOf(Arbitraries.just(""), OddText.any().map(l -> "?limit=" + BadParameters.encode(l))))
                .as((queue, limit) -> queue + "/redrive" + limit);
        return unknownQueue;
    }

    @Property
    void catalogRedriveRefusesBadQueues(@ForAll("redrives") String tail) {
        redrive("catalog", tail);
    }

    @Property
    void orderRedriveRefusesBadQueues(@ForAll("redrives") String tail) {
        redrive("order", tail);
    }

    @Property
    void paymentRedriveRefusesBadQueues(@ForAll("redrives") String tail) {
        redrive("payment", tail);
    }

    @Property
    void identityRedriveRefusesBadQueues(@ForAll("redrives") String tail) {
        redrive("identity", tail);
    }

    private void redrive(String service, String tail) {
        String queue = tail.substring(0, tail.indexOf("/redrive"));
        if (deadLetterQueues.get(service).contains(java.net.URLDecoder.decode(queue, java.nio.charset.StandardCharsets.UTF_8))) {
            return;
        }
        sendPath("POST /api/" + service + "/admin/dead-letters/{queue}/redrive", "POST",
                "/api/" + service + "/admin/dead-letters/" + tail, admins.token());
    }

    // ---- query parameters -------------------------------------------------------------------

    @Provide
    Arbitrary<String> productSearches() {
        List<BadParameters.Parameter> parameters = List.of(
                BadParameters.text("q", 200),
                BadParameters.matching("category", "[a-z0-9-]{1,60}", Arbitraries.of("audio", "kitchen")),
                BadParameters.wholeNumber("minPrice", 0, 10_000_000_000L),
                BadParameters.wholeNumber("maxPrice", 0, 10_000_000_000L),
                BadParameters.oneOf("inStock", Set.of("true", "false", "on", "off", "yes", "no", "1", "0"), true),
                BadParameters.matching("sort", "(relevance|name|price|newest)(,(asc|desc))?", Arbitraries.of("name", "price,desc")),
                BadParameters.wholeNumber("page", 0, 10_000),
                BadParameters.wholeNumber("size", 1, 100));
        Arbitrary<String> inverted = Arbitraries.longs().between(1, 10_000_000_000L)
                .map(max -> "minPrice=" + (max + 1) + "&maxPrice=" + max);
        return Arbitraries.frequencyOf(Tuple.of(85, BadParameters.query(parameters)), Tuple.of(5, inverted),
                Tuple.of(10, tooDeep()));
    }

    /**
     * Each page and size valid alone, together past the 10,000th item: no listing reads that deep
     * (an anonymous search would otherwise make the database skip up to a million rows).
     */
    static Arbitrary<String> tooDeep() {
        return Arbitraries.integers().between(1, 100).flatMap(size -> Arbitraries.integers()
                .between(Math.ceilDiv(10_000, size), 10_000).map(page -> "page=" + page + "&size=" + size));
    }

    @Property
    void productSearchRefusesBadParameters(@ForAll("productSearches") String query) {
        sendPath("GET /api/catalog/products?…", "GET", "/api/catalog/products?" + query, null);
    }

    static List<BadParameters.Parameter> orderListParameters() {
        return List.of(
                BadParameters.oneOf("status", Set.of("AWAITING_PAYMENT", "CONFIRMED", "CANCELLED"), false),
                BadParameters.uuid("customerId"),
                BadParameters.wholeNumber("page", 0, 10_000),
                BadParameters.wholeNumber("size", 1, 100));
    }

    @Provide
    Arbitrary<String> orderLists() {
        return Arbitraries.frequencyOf(Tuple.of(90, BadParameters.query(orderListParameters())), Tuple.of(10, tooDeep()));
    }

    @Property
    void ordersRefuseBadParameters(@ForAll("orderLists") String query) {
        sendPath("GET /api/orders?…", "GET", "/api/orders?" + query, shoppers.token());
    }

    @Property
    void adminOrdersRefuseBadParameters(@ForAll("orderLists") String query) {
        sendPath("GET /api/admin/orders?…", "GET", "/api/admin/orders?" + query, admins.token());
    }

    @Provide
    Arbitrary<String> paymentLists() {
        return Arbitraries.frequencyOf(Tuple.of(90, BadParameters.query(List.of(BadParameters.uuid("orderId"),
                BadParameters.wholeNumber("page", 0, 10_000), BadParameters.wholeNumber("size", 1, 100)))),
                Tuple.of(10, tooDeep()));
    }

    @Property
    void paymentsRefuseBadParameters(@ForAll("paymentLists") String query) {
        sendPath("GET /api/payments?…", "GET", "/api/payments?" + query, shoppers.token());
    }

    @Provide
    Arbitrary<String> userSearches() {
        return Arbitraries.frequencyOf(Tuple.of(90, BadParameters.query(List.of(BadParameters.text("q", 200),
                BadParameters.wholeNumber("page", 0, 10_000), BadParameters.wholeNumber("size", 1, 100)))),
                Tuple.of(10, tooDeep()));
    }

    @Property
    void userSearchRefusesBadParameters(@ForAll("userSearches") String query) {
        sendPath("GET /api/identity/admin/users?…", "GET", "/api/identity/admin/users?" + query, admins.token());
    }

    /**
     * Odd and injection-shaped search words are valid input, so these may be answered 200; the
     * rule here is only that they never break the query (no 5xx) and change nothing.
     */
    @Property
    void productSearchSurvivesOddWords(@ForAll("oddWords") String words) {
        sendValid("GET /api/catalog/products?q=(valid, odd)", "/api/catalog/products?q=" + BadParameters.encode(words), null);
    }

    @Property
    void userSearchSurvivesOddWords(@ForAll("oddWords") String words) {
        sendValid("GET /api/identity/admin/users?q=(valid, odd)", "/api/identity/admin/users?q=" + BadParameters.encode(words),
                admins.token());
    }

    @Provide
    Arbitrary<String> oddWords() {
        return OddText.any().filter(s -> s.length() <= 200);
    }

    // ---- the cart ---------------------------------------------------------------------------

    @Provide
    Arbitrary<BadBodies.Body> cartLines() {
        return BadBodies.of(CartInputs.line());
    }

    @Property
    void setLineRefusesMalformedBodies(@ForAll("cartLines") BadBodies.Body body) {
        sendBody("PUT /api/cart/lines/{productId}", "PUT", "/api/cart/lines/" + product, body, shoppers.token(), Map.of());
    }

    @Property
    void setGuestLineRefusesMalformedBodies(@ForAll("cartLines") BadBodies.Body body) {
        sendBody("PUT /api/cart/lines/{productId} (guest)", "PUT", "/api/cart/lines/" + product, body, null,
                Map.of("X-Cart-Id", guestCart));
    }

    /** A valid line for a product id that is none (or, a random UUID, names no product: 422). */
    @Property
    void setLineRefusesBadProductIds(@ForAll("ids") String id) {
        String path = "/api/cart/lines/" + id;
        if (!sendable(path)) {
            return;
        }
        BadBodies.Shape line = CartInputs.line();
        sendBody("PUT /api/cart/lines/{productId} (bad id)", "PUT", path,
                new BadBodies.Body("valid body", BadBodies.utf8(line.validJson()), "application/json"), shoppers.token(), Map.of());
    }

    /** Removing a line the cart does not hold is no error (nothing changes), so only ids that are no UUID. */
    @Provide
    Arbitrary<String> idsThatAreNoUuid() {
        return BadParameters.pathId().filter(BadParameters::neverAUuid);
    }

    @Property
    void removeLineRefusesBadProductIds(@ForAll("idsThatAreNoUuid") String id) {
        sendPath("DELETE /api/cart/lines/{productId}", "DELETE", "/api/cart/lines/" + id, shoppers.token());
    }

    /**
     * A guest's every cart request with an {@code X-Cart-Id} that opens no cart: 404 (401 with
     * none), and the guest cart whose id it nearly is stays as it was.
     */
    @Property
    void guestCartRequestsRefuseDeadCartIds(@ForAll("deadGuestIds") String cartId,
            @ForAll("guestCartRequests") String request) {
        String path = request.endsWith("line") ? "/api/cart/lines/" + product : "/api/cart";
        String method = request.substring(0, request.indexOf(' '));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(bazaar.gateway() + path)).timeout(TIMEOUT);
        if (method.equals("PUT")) {
            builder.method(method, HttpRequest.BodyPublishers.ofString(CartInputs.line().validJson()))
                    .header("Content-Type", "application/json");
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            builder.header("X-Cart-Id", cartId);
        } catch (IllegalArgumentException unsendable) {
            // a value java.net.http will not put in a header: nothing reaches the server
            return;
        }
        expectRefusal("X-Cart-Id on /api/cart and its lines (guest)", request + " X-Cart-Id: " + cartId, builder, null);
    }

    @Provide
    Arbitrary<String> deadGuestIds() {
        return CartInputs.deadGuestIds(guestCart);
    }

    @Provide
    Arbitrary<String> guestCartRequests() {
        return Arbitraries.of("GET /api/cart", "PUT line", "DELETE line", "DELETE /api/cart");
    }

    @Property
    void mergeRefusesMalformedBodies(@ForAll("merges") BadBodies.Body body) {
        sendBody("POST /api/cart/merge", "POST", "/api/cart/merge", body, shoppers.token(), Map.of());
    }

    @Provide
    Arbitrary<BadBodies.Body> merges() {
        return BadBodies.of(CartInputs.merge(mergeableCart));
    }

    /**
     * A checkout of a cart holding a line, at its version ("1"), with one thing wrong: the body,
     * the Idempotency-Key, or If-Match (missing: 428; no version: 400). Each is refused before
     * the key is used, so nothing at all is written.
     */
    @Property
    void checkOutRefusesMalformedBodiesKeysAndVersions(
            @ForAll("checkouts") Tuple.Tuple2<BadBodies.Body, Map<String, String>> request) {
        sendBody("POST /api/cart/checkout", "POST", "/api/cart/checkout", request.get1(), shoppers.token(), request.get2());
    }

    @Provide
    Arbitrary<Tuple.Tuple2<BadBodies.Body, Map<String, String>>> checkouts() {
        BadBodies.Shape shape = CartInputs.checkout();
        Arbitrary<Tuple.Tuple2<BadBodies.Body, Map<String, String>>> brokenBodies = BadBodies.of(shape)
                .map(body -> Tuple.of(body, checkoutHeaders(UUID.randomUUID().toString(), SHOPPERS_CART_VERSION)));
        Arbitrary<Tuple.Tuple2<BadBodies.Body, Map<String, String>>> withLines = CartInputs.checkoutWithLines(product.toString())
                .map(json -> Tuple.of(new BadBodies.Body("valid body with lines", BadBodies.utf8(json), "application/json"),
                        checkoutHeaders(UUID.randomUUID().toString(), SHOPPERS_CART_VERSION)));
        Arbitrary<Tuple.Tuple2<BadBodies.Body, Map<String, String>>> badKey = Arbitraries.oneOf(badKeys(),
                Arbitraries.just((String) null)).map(key -> Tuple.of(new BadBodies.Body("valid body, key "
                        + (key == null ? "missing" : "'" + key + "'"), BadBodies.utf8(shape.validJson()), "application/json"),
                        checkoutHeaders(key, SHOPPERS_CART_VERSION)));
        Arbitrary<Tuple.Tuple2<BadBodies.Body, Map<String, String>>> badVersion = Arbitraries.oneOf(CartInputs.badIfMatch(),
                Arbitraries.just((String) null)).map(ifMatch -> Tuple.of(new BadBodies.Body("valid body, If-Match "
                        + (ifMatch == null ? "missing" : "'" + ifMatch + "'"), BadBodies.utf8(shape.validJson()), "application/json"),
                        checkoutHeaders(UUID.randomUUID().toString(), ifMatch)));
        return Arbitraries.frequencyOf(Tuple.of(60, brokenBodies), Tuple.of(5, withLines), Tuple.of(15, badKey),
                Tuple.of(20, badVersion));
    }

    /**
     * A valid checkout naming a version the cart is not at: 412 with the cart as it is. The key
     * keeps that answer for its replay; no order, reservation or event comes of it.
     */
    @Property
    void checkOutAtAnotherVersionOrdersNothing(@ForAll("otherVersions") String ifMatch) {
        mayChange = Set.of("order.idempotency_keys");
        sendBody("POST /api/cart/checkout (another version)", "POST", "/api/cart/checkout",
                new BadBodies.Body("valid body, If-Match " + ifMatch, BadBodies.utf8(CartInputs.checkout().validJson()),
                        "application/json"),
                shoppers.token(), checkoutHeaders(UUID.randomUUID().toString(), ifMatch));
    }

    @Provide
    Arbitrary<String> otherVersions() {
        return Combinators.combine(Arbitraries.integers().between(0, 999_999_999).edgeCases(e -> e.add(0, 2, 999_999_999))
                .filter(v -> v != 1), Arbitraries.of(true, false))
                .as((version, quoted) -> quoted ? "\"" + version + "\"" : String.valueOf(version));
    }

    private static Map<String, String> checkoutHeaders(String key, String ifMatch) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return headers;
    }

    private static boolean sendable(String path) {
        try {
            URI.create(bazaar.gateway() + path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---- OAuth2 token endpoint ----------------------------------------------------------------

    /**
     * Token requests that cannot succeed: an unknown grant, a wrong secret, a made-up code or
     * refresh token, missing parameters, or not a form at all. OAuth2 answers errors as
     * {@code application/json} ({@code {"error": ...}}, RFC 6749 5.2), not problem+json, so
     * the rule here is: 4xx and JSON.
     */
    @Property
    void tokenEndpointRefusesBadRequests(@ForAll("tokenRequests") Tuple.Tuple2<String, String> request) {
        endpoint = "POST /oauth2/token";
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(bazaar.gateway() + "/oauth2/token")).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(request.get2()));
        if (!request.get1().isEmpty()) {
            builder.header("Content-Type", request.get1());
        }
        GatewayClient.Answer answer = gateway.send(builder.build(), true);
        BadInputReport.get().tried(endpoint, answer.summary());
        boolean json = answer.contentType().toLowerCase().startsWith("application/json")
                || answer.contentType().toLowerCase().startsWith("application/problem+json");
        if (answer.status() < 400 || answer.status() > 499 || !json) {
            BadInputReport.get().violation(endpoint, request.get1() + " " + request.get2(), answer.summary(), answer.body());
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<String, String>> tokenRequests() {
        Arbitrary<String> odd = OddText.any().map(BadParameters::encode);
        Arbitrary<String> form = Arbitraries.oneOf(
                odd.map(grant -> "grant_type=" + grant + "&client_id=order-service&client_secret=dev-order-service-secret"),
                odd.filter(s -> !s.equals("dev-order-service-secret"))
                        .map(secret -> "grant_type=client_credentials&client_id=order-service&client_secret=" + secret),
                odd.map(client -> "grant_type=client_credentials&client_id=" + client + "&client_secret=" + client),
                odd.map(code -> "grant_type=authorization_code&client_id=bazaar-web&code=" + code
                        + "&redirect_uri=http%3A%2F%2Fevil.example%2F&code_verifier=" + code),
                odd.map(token -> "grant_type=refresh_token&client_id=bazaar-web&refresh_token=" + token),
                Arbitraries.of("", "grant_type=", "grant_type=client_credentials", "client_id=order-service",
                        "grant_type=password&username=admin@bazaar.dev&password=Dev-admin-password-1&client_id=bazaar-web",
                        "grant_type=client_credentials&client_id=order-service&client_secret=dev-order-service-secret&scope=admin",
                        "grant_type=client_credentials&grant_type=client_credentials&client_id=order-service&client_secret=x"));
        Arbitrary<String> notForm = OddText.any();
        return Arbitraries.frequencyOf(
                Tuple.of(8, form.map(f -> Tuple.of("application/x-www-form-urlencoded", f))),
                Tuple.of(2, Combinators.combine(Arbitraries.of("application/json", "text/plain", "", "application/xml"), notForm)
                        .as(Tuple::of)));
    }

    // ---- sending ----------------------------------------------------------------------------

    private void sendBody(String endpoint, String method, String path, BadBodies.Body body, String token,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bazaar.gateway() + path)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (!body.contentType().isEmpty()) {
            request.header("Content-Type", body.contentType());
        }
        headers.forEach(request::header);
        expectRefusal(endpoint, body.shown() + (headers.isEmpty() ? "" : " " + headers), request, token);
    }

    private void sendPath(String endpoint, String method, String pathAndQuery, String token) {
        URI uri;
        try {
            uri = URI.create(bazaar.gateway() + pathAndQuery);
        } catch (IllegalArgumentException unsendable) {
            // a raw form java.net.URI will not carry: nothing reaches the server, nothing to judge
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        expectRefusal(endpoint, method + " " + pathAndQuery, request, token);
    }

    private void expectRefusal(String endpoint, String input, HttpRequest.Builder request, String token) {
        this.endpoint = endpoint;
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        GatewayClient.Answer answer = gateway.send(request.build(), token == null);
        BadInputReport.get().tried(endpoint, answer.status() + (answer.problem() ? "" : " " + answer.contentType()));
        if (answer.status() < 400 || answer.status() > 499 || !answer.problem()) {
            BadInputReport.get().violation(endpoint, input, answer.summary(), answer.body());
        }
    }

    private void sendValid(String endpoint, String pathAndQuery, String token) {
        this.endpoint = endpoint;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bazaar.gateway() + pathAndQuery)).timeout(TIMEOUT).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        GatewayClient.Answer answer = gateway.send(request.build(), token == null);
        BadInputReport.get().tried(endpoint, answer.status() + "");
        boolean fine = answer.status() == 200 && answer.contentType().startsWith("application/json")
                || answer.status() >= 400 && answer.status() <= 499 && answer.problem();
        if (!fine) {
            BadInputReport.get().violation(endpoint, pathAndQuery, answer.summary(), answer.body());
        }
    }
}
