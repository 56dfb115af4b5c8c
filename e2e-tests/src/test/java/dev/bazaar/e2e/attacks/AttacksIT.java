package dev.bazaar.e2e.attacks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.Shoppers;
import dev.bazaar.e2e.cart.Carts;
import dev.bazaar.e2e.badinput.ServiceChannels;
import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import dev.bazaar.proto.catalog.v1.GetProductsRequest;
import dev.bazaar.proto.catalog.v1.ReleaseStockRequest;
import dev.bazaar.proto.catalog.v1.ReserveStockRequest;
import dev.bazaar.proto.catalog.v1.StockLine;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;
import dev.bazaar.proto.identity.v1.GetCustomerRequest;
import dev.bazaar.proto.payment.v1.GetPaymentRequest;
import dev.bazaar.proto.payment.v1.PaymentServiceGrpc;
import dev.bazaar.testsupport.ShopperLogin;
import dev.bazaar.testsupport.openapi.AnsweredBy;
import dev.bazaar.testsupport.openapi.ContractCheckingHttpClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Attacks on the running system, through the gateway and, where a service has its own check,
 * on each service directly: other shoppers' objects and carts, guest cart ids, admin functions
 * with a shopper's token, forged tokens, internal gRPC without the right service token, fields a
 * client must not set, and bursts against sign-in and the rate limits. Every attempt is logged
 * ({@code target/attacks-report.md}); each test fails listing every attempt that got through.
 * <p>
 * Tokens: identity's signing key is not ours, so expired, not-yet-valid, wrong-issuer and
 * wrong-audience tokens are real tokens with a changed payload (the signature no longer
 * matches, and the answer must still be 401), next to {@code alg: none}, a key of our own that
 * the JWKS does not publish, and HS256 (see {@link ForgedTokens}).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class AttacksIT {

    static final AttackLog log = new AttackLog();
    static RunningBazaar bazaar;
    static String admin;
    static Shoppers.Shopper owner;
    static Shoppers.Shopper stranger;
    static UUID product;
    static String orderId;
    static String paymentId;

    @BeforeAll
    static void placeAnOrderToAttack() {
        bazaar = RunningBazaar.get();
        admin = Shoppers.admin(bazaar);
        owner = Shoppers.register(bazaar);
        stranger = Shoppers.register(bazaar);
        product = newProduct(50, 1250);
        orderId = place(owner.token(), order(product, 2, "tok_visa"));
        paymentId = await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(bazaar.gateway())
                .auth().oauth2(owner.token()).queryParam("orderId", orderId).when().get("/api/payments")
                .then().statusCode(200).extract().<String>path("items[0].id"), Objects::nonNull);
    }

    @AfterAll
    static void publishReport() {
        log.publish();
    }

    static UUID newProduct(int stock, long price) {
        UUID category = UUID.fromString(given().baseUri(bazaar.gateway()).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        return UUID.fromString(given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "ATTACK-%s", "name": "Attack fixture", "categoryId": "%s",
                         "price": {"amount": %d, "currency": "EUR"}, "initialStock": %d}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), category, price, stock))
                .when().post("/api/catalog/admin/products").then().statusCode(201).extract().path("id"));
    }

    /**
     * Places an order, sending again with the same key while the answer is a 5xx or 409 (cold
     * services on a busy machine can outlast the gateway's timeout; the key makes retries safe).
     */
    static String place(String token, String body) {
        String key = UUID.randomUUID().toString();
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Response placed = given().baseUri(bazaar.gateway()).auth().oauth2(token).contentType(ContentType.JSON)
                    .header("Idempotency-Key", key).body(body).when().post("/api/orders");
            assertThat(placed.statusCode()).as(placed.asString()).isIn(201, 409, 502, 503, 504);
            return placed.statusCode() == 201 ? placed.<String>path("id") : null;
        }, Objects::nonNull);
    }

    static String order(UUID product, int quantity, String paymentToken) {
        return """
                {"lines": [{"productId": "%s", "quantity": %d}],
                 "shippingAddress": {"name": "Ada Lovelace", "line1": "12 St James's Square", "city": "London",
                                     "postalCode": "SW1Y 4JH", "country": "GB"},
                 "paymentToken": "%s"}""".formatted(product, quantity, paymentToken);
    }

    private static RequestSpecification as(String base, String token) {
        RequestSpecification request = given().baseUri(base).urlEncodingEnabled(false);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static void failOnViolations(String kind) {
        List<AttackLog.Attempt> violations = log.violationsOf(kind);
        assertThat(violations).as(kind + ": attacks that got through\n" + violations.stream()
                .map(v -> v.attack() + " — expected " + v.expected() + ", got " + v.actual())
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    // ---- object level -----------------------------------------------------------------------

    @Test
    void anotherShoppersOrdersPaymentsAndAccountStayHidden() {
        String kind = "object level";
        for (String base : List.of(bazaar.gateway(), bazaar.url("order"))) {
            String where = base.equals(bazaar.gateway()) ? "gateway" : "order-service";
            log.expect(kind, where + ": GET another's order", as(base, stranger.token()).get("/api/orders/" + orderId).statusCode(), 404);
            log.expect(kind, where + ": GET another's order history",
                    as(base, stranger.token()).get("/api/orders/" + orderId + "/history").statusCode(), 404);
            log.expect(kind, where + ": cancel another's order",
                    as(base, stranger.token()).post("/api/orders/" + orderId + "/cancel").statusCode(), 404);
            Response mine = as(base, stranger.token()).queryParam("customerId", owner.id()).queryParam("size", 100).get("/api/orders");
            log.expect(kind, where + ": list orders with another's customerId", mine.statusCode() == 200
                    && !mine.asString().contains(orderId) && !mine.asString().contains(owner.id().toString()), true);
            Response statusFiltered = as(base, stranger.token()).queryParam("status", "AWAITING_PAYMENT").get("/api/orders");
            log.expect(kind, where + ": list orders by status", statusFiltered.statusCode() == 200
                    && !statusFiltered.asString().contains(orderId), true);
        }
        for (String base : List.of(bazaar.gateway(), bazaar.url("payment"))) {
            String where = base.equals(bazaar.gateway()) ? "gateway" : "payment-service";
            log.expect(kind, where + ": GET another's payment", as(base, stranger.token()).get("/api/payments/" + paymentId).statusCode(), 404);
            Response byOrder = as(base, stranger.token()).queryParam("orderId", orderId).get("/api/payments");
            log.expect(kind, where + ": payments of another's order", byOrder.statusCode() + " " + byOrder.path("totalItems"), "200 0");
            Response all = as(base, stranger.token()).queryParam("size", 100).get("/api/payments");
            log.expect(kind, where + ": list payments", all.statusCode() == 200 && !all.asString().contains(paymentId)
                    && !all.asString().contains(orderId), true);
        }
        for (String base : List.of(bazaar.gateway(), bazaar.url("identity"))) {
            String where = base.equals(bazaar.gateway()) ? "gateway" : "identity-service";
            Response me = as(base, stranger.token()).get("/api/identity/me");
            log.expect(kind, where + ": /me is the caller's own account", me.statusCode() + " " + me.path("id"),
                    "200 " + stranger.id());
            log.expect(kind, where + ": GET another's account by id",
                    as(base, stranger.token()).get("/api/identity/admin/users/" + owner.id()).statusCode(), 403, 404);
        }
        // the owner's order is untouched by the stranger's attempts
        String status = as(bazaar.gateway(), owner.token()).get("/api/orders/" + orderId).path("status");
        log.expect(kind, "owner's order not cancelled by another", !"CANCELLED".equals(status), true);
        failOnViolations(kind);
    }

    // ---- carts ------------------------------------------------------------------------------

    /**
     * A shopper's cart has no id: their token alone reaches it, and an {@code X-Cart-Id} sent with a
     * token is ignored. The guest cart merged into it is gone: its id opens nothing for anyone, to
     * read, change, merge or check out. Guests cannot merge or check out at all, and a service's
     * token is no shopper's.
     */
    @Test
    void aShoppersCartIsReachedByTheirTokenAloneAndAMergedGuestCartByNoOne() {
        String kind = "cart ownership";
        UUID item = newProduct(20, 990);
        String guestCart = Carts.newGuestCart(bazaar.gateway());
        Carts.setLineSettled(bazaar.gateway(), null, guestCart, item, 2).then().statusCode(200);
        Carts.merge(bazaar.gateway(), owner.token(), guestCart).then().statusCode(200);
        String ownersVersion = Carts.etag(Carts.view(bazaar.gateway(), owner.token(), null));
        String serviceToken;
        try (ServiceChannels grpc = new ServiceChannels(bazaar)) {
            serviceToken = grpc.orderServiceToken();
        }
        for (String base : List.of(bazaar.gateway(), bazaar.url("order"))) {
            String where = base.equals(bazaar.gateway()) ? "gateway" : "order-service";
            Response read = Carts.view(base, stranger.token(), guestCart);
            log.expect(kind, where + ": read with another's merged cart id and a token reaches only one's own cart",
                    read.statusCode() == 200 && !read.asString().contains(item.toString()), true);
            log.expect(kind, where + ": read as a guest with a merged cart id",
                    Carts.view(base, null, guestCart).statusCode(), 404);
            log.expect(kind, where + ": change a line as a guest with a merged cart id",
                    Carts.setLine(base, null, guestCart, item, 50).statusCode(), 404);
            log.expect(kind, where + ": remove a line as a guest with a merged cart id",
                    Carts.as(base, null, guestCart).delete("/api/cart/lines/" + item).statusCode(), 404);
            log.expect(kind, where + ": clear as a guest with a merged cart id",
                    Carts.as(base, null, guestCart).delete("/api/cart").statusCode(), 404);
            log.expect(kind, where + ": merge another's merged cart id", Carts.merge(base, stranger.token(), guestCart)
                    .statusCode(), 404);
            log.expect(kind, where + ": merge as a guest", Carts.merge(base, null, guestCart).statusCode(), 401);
            log.expect(kind, where + ": check out as a guest naming the cart id",
                    Carts.as(base, null, guestCart).contentType(ContentType.JSON).body(Carts.CHECKOUT)
                            .header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", ownersVersion)
                            .post("/api/cart/checkout").statusCode(), 401);
            Response checkout = Carts.as(base, stranger.token(), guestCart).contentType(ContentType.JSON).body(Carts.CHECKOUT)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", ownersVersion)
                    .post("/api/cart/checkout");
            log.expect(kind, where + ": check out with another's cart id and version (" + checkout.statusCode() + ")",
                    (checkout.statusCode() == 412 || checkout.statusCode() == 422) && !checkout.asString().contains(item.toString()),
                    true);
        }
        // order-service checks the caller itself: a service's token has no cart (the gateway may refuse it sooner)
        log.expect(kind, "order-service: read a cart with a service's token",
                Carts.view(bazaar.url("order"), serviceToken, guestCart).statusCode(), 403);
        log.expect(kind, "order-service: change a line with a service's token",
                Carts.setLine(bazaar.url("order"), serviceToken, guestCart, item, 1).statusCode(), 403);
        log.expect(kind, "order-service: merge with a service's token",
                Carts.merge(bazaar.url("order"), serviceToken, guestCart).statusCode(), 403);
        JsonPath ownersCart = Carts.view(bazaar.gateway(), owner.token(), null).jsonPath();
        log.expect(kind, "the owner's cart is as it was", ownersCart.getInt("version") + " " + ownersCart.getString("lines[0].productId")
                + " x" + ownersCart.getInt("lines[0].quantity"), ownersVersion.replace("\"", "") + " " + item + " x2");
        Response strangersOrders = as(bazaar.gateway(), stranger.token()).queryParam("size", 100).get("/api/orders");
        log.expect(kind, "nothing was ordered for the stranger from the owner's cart",
                strangersOrders.asString().contains(item.toString()), false);
        failOnViolations(kind);
    }

    /**
     * Guest cart ids are 256 random bits (43 characters of URL-safe Base64), never stored as
     * such (only their SHA-256), and never in a Location header. A made-up, malformed, merged or
     * expired id is answered alike: the same 404 body, so probing tells nothing.
     */
    @Test
    void guestCartIdsCannotBeGuessedAndEveryDeadOneIsNotFoundAlike() throws Exception {
        String kind = "guest cart ids";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Response made = as(bazaar.gateway(), null).post("/api/carts");
            log.expect(kind, "a new guest cart: 201, no Location", made.statusCode() + " " + made.header("Location"), "201 null");
            ids.add(made.path("cartId"));
        }
        log.expect(kind, "every id is 43 characters of URL-safe Base64 (256 bits)", ids.stream().allMatch(id ->
                id != null && id.matches("[A-Za-z0-9_-]{43}") && Base64.getUrlDecoder().decode(id).length == 32), true);
        log.expect(kind, "no two ids alike", new java.util.HashSet<>(ids).size(), ids.size());
        long ones = ids.stream().map(Base64.getUrlDecoder()::decode).mapToLong(AttacksIT::onesIn).sum();
        // 4096 random bits: 2048 ones give or take 32; a counter, a clock or a padded number would be far off
        log.expect(kind, "the ids' bits are about half ones (" + ones + " of " + ids.size() * 256 + ")",
                Math.abs(ones - ids.size() * 128L) < ids.size() * 256L / 10, true);
        var database = bazaar.databases.get("order");
        try (var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var byHash = connection.prepareStatement("select count(*) from carts where guest_token_hash = ?");
                var asText = connection.prepareStatement("select count(*) from carts c where c::text like ?")) {
            int hashed = 0;
            int plain = 0;
            for (String id : ids) {
                byHash.setBytes(1, Carts.sha256(id));
                hashed += count(byHash);
                asText.setString(1, "%" + id.replace("_", "\\_") + "%");
                plain += count(asText);
            }
            log.expect(kind, "each id is stored as its SHA-256", hashed, ids.size());
            log.expect(kind, "no id is stored as it is", plain, 0);
        }

        String merged = ids.get(0);
        Carts.merge(bazaar.gateway(), owner.token(), merged).then().statusCode(200);
        String expired = ids.get(1);
        Carts.ageGuestCart(bazaar, expired);
        String madeUp = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().substring(0, 32)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Map<String, String> dead = new java.util.LinkedHashMap<>();
        dead.put("made up", madeUp);
        dead.put("malformed", "not-a-cart-id");
        dead.put("one character short", ids.get(2).substring(1));
        dead.put("merged", merged);
        dead.put("expired", expired);
        Map<String, Object> reference = problemShape(Carts.view(bazaar.gateway(), null, madeUp));
        log.expect(kind, "a made-up id: 404 cart-not-found", reference.get("status") + " " + reference.get("type"),
                "404 urn:bazaar:problem:cart-not-found");
        dead.forEach((what, id) -> {
            log.expect(kind, "read with a " + what + " id: the same 404", problemShape(Carts.view(bazaar.gateway(), null, id)),
                    reference);
            log.expect(kind, "change with a " + what + " id: the same 404",
                    problemShape(Carts.setLine(bazaar.gateway(), null, id, product, 1)), reference);
            Map<String, Object> mergeAnswer = problemShape(Carts.merge(bazaar.gateway(), stranger.token(), id));
            log.expect(kind, "merge a " + what + " id: 404 cart-not-found",
                    mergeAnswer.get("status") + " " + mergeAnswer.get("type"), "404 urn:bazaar:problem:cart-not-found");
        });
        // the retention sweep would delete the expired cart at any moment, under another suite's
        // check that its requests changed nothing in the database
        Carts.dropGuestCart(bazaar, expired);
        log.expect(kind, "no cart id in the answers' headers", Carts.view(bazaar.gateway(), null, madeUp).headers().asList()
                .stream().noneMatch(h -> h.getValue().contains(madeUp)), true);
        failOnViolations(kind);
    }

    private static long onesIn(byte[] bits) {
        long ones = 0;
        for (byte b : bits) {
            ones += Integer.bitCount(b & 0xff);
        }
        return ones;
    }

    private static int count(java.sql.PreparedStatement query) throws java.sql.SQLException {
        try (var rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * A problem answer's status, content type and body, less what differs by request, not by cart:
     * the trace id and the path (instance).
     */
    private static Map<String, Object> problemShape(Response answer) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("httpStatus", answer.statusCode());
        body.put("contentType", answer.contentType());
        if (answer.contentType() != null && answer.contentType().startsWith("application/problem+json")) {
            body.putAll(answer.jsonPath().getMap("$"));
        }
        body.remove("traceId");
        body.remove("instance");
        return body;
    }

    // ---- function level ---------------------------------------------------------------------

    record Route(String method, String path, String body, String service) {
    }

    static List<Route> adminRoutes() {
        String p = product.toString();
        String u = owner.id().toString();
        String productBody = "{\"sku\": \"HIJACK-1\", \"name\": \"x\", \"categoryId\": \"" + UUID.randomUUID()
                + "\", \"price\": {\"amount\": 1, \"currency\": \"EUR\"}, \"initialStock\": 1}";
        List<Route> routes = new ArrayList<>(List.of(
                new Route("POST", "/api/catalog/admin/products", productBody, "catalog"),
                new Route("PUT", "/api/catalog/admin/products/" + p, "{\"name\": \"Hijacked\", \"categoryId\": \"" + UUID.randomUUID() + "\"}", "catalog"),
                new Route("PUT", "/api/catalog/admin/products/" + p + "/price", "{\"price\": {\"amount\": 1, \"currency\": \"EUR\"}}", "catalog"),
                new Route("POST", "/api/catalog/admin/products/" + p + "/archive", null, "catalog"),
                new Route("GET", "/api/catalog/admin/products/" + p + "/stock", null, "catalog"),
                new Route("POST", "/api/catalog/admin/products/" + p + "/stock-adjustments", "{\"delta\": 1000, \"reason\": \"free\"}", "catalog"),
                new Route("GET", "/api/admin/orders", null, "order"),
                new Route("GET", "/api/identity/admin/users", null, "identity"),
                new Route("GET", "/api/identity/admin/users/" + u, null, "identity"),
                new Route("PUT", "/api/identity/admin/users/" + stranger.id() + "/roles", "{\"roles\": [\"CUSTOMER\", \"ADMIN\"]}", "identity"),
                new Route("POST", "/api/identity/admin/users/" + u + "/disable", null, "identity"),
                new Route("POST", "/api/identity/admin/users/" + u + "/enable", null, "identity"),
                new Route("POST", "/api/identity/admin/keys/rotate", null, "identity")));
        for (String service : List.of("catalog", "order", "payment", "identity")) {
            routes.add(new Route("GET", "/api/" + service + "/admin/dead-letters", null, service));
            routes.add(new Route("POST", "/api/" + service + "/admin/dead-letters/any/redrive", null, service));
        }
        return routes;
    }

    @Test
    void aShopperIsRefusedEveryAdminFunction() {
        String kind = "function level";
        for (Route route : adminRoutes()) {
            for (String base : List.of(bazaar.gateway(), bazaar.url(route.service()))) {
                String where = base.equals(bazaar.gateway()) ? "gateway" : route.service() + "-service";
                RequestSpecification request = as(base, stranger.token()).contentType(ContentType.JSON);
                if (route.body() != null) {
                    request.body(route.body());
                }
                log.expect(kind, where + ": " + route.method() + " " + route.path(),
                        request.request(route.method(), route.path()).statusCode(), 403);
            }
            // other methods on the same admin path: refused for the role before anything else
            for (String method : List.of("DELETE", "PATCH")) {
                log.expect(kind, "gateway: " + method + " " + route.path(),
                        as(bazaar.gateway(), stranger.token()).request(method, route.path()).statusCode(), 403);
            }
        }
        // and nothing of it happened
        Response me = as(bazaar.gateway(), stranger.token()).get("/api/identity/me");
        log.expect(kind, "the shopper is still only a customer", me.path("roles").toString(), "[CUSTOMER]");
        JsonPath item = as(bazaar.gateway(), null).get("/api/catalog/products/" + product).jsonPath();
        log.expect(kind, "the product kept its name and price", item.getString("name") + " " + item.getLong("price.amount"),
                "Attack fixture 1250");
        failOnViolations(kind);
    }

    // ---- tokens -----------------------------------------------------------------------------

    @Test
    void forgedTokensAreRefusedAtTheGatewayAndAtEachService() {
        String kind = "tokens";
        Map<String, String> forged = ForgedTokens.from(stranger.token(), bazaar.gateway());
        Map<String, String> protectedPaths = Map.of(
                "catalog", "/api/catalog/admin/products/" + product + "/stock",
                "order", "/api/orders",
                "payment", "/api/payments",
                "identity", "/api/identity/me");
        forged.forEach((name, token) -> protectedPaths.forEach((service, path) -> {
            log.expect(kind, "gateway " + path + ": " + name, as(bazaar.gateway(), token).get(path).statusCode(), 401);
            log.expect(kind, service + "-service " + path + ": " + name, as(bazaar.url(service), token).get(path).statusCode(), 401);
        }));
        // and a real admin token with its roles claim removed does not stay an admin
        String demoted = ForgedTokens.tamper(admin, c -> c.claim("roles", List.of()));
        log.expect(kind, "gateway: admin token with changed payload", as(bazaar.gateway(), demoted)
                .get("/api/admin/orders").statusCode(), 401);
        failOnViolations(kind);
    }

    // ---- inside: gRPC -----------------------------------------------------------------------

    @Test
    void internalGrpcRefusesCallersWithoutTheMethodsScope() {
        String kind = "inside (gRPC)";
        try (ServiceChannels grpc = new ServiceChannels(bazaar)) {
            String gatewayClient = grpc.serviceToken("api-gateway", "dev-api-gateway-secret", null);
            String paymentClient = grpc.serviceToken("payment-service", "dev-payment-service-secret", null);
            String readOnly = grpc.serviceToken("order-service", "dev-order-service-secret", "catalog.products.read");
            String allScopes = grpc.orderServiceToken();
            Map<String, String> callers = new java.util.LinkedHashMap<>();
            callers.put("no token", null);
            callers.put("a shopper's token", stranger.token());
            callers.put("an admin's token", admin);
            callers.put("api-gateway client (no scopes)", gatewayClient);
            callers.put("order-service token with payload scopes changed", ForgedTokens.tamper(readOnly,
                    c -> c.claim("scope", "catalog.products.read catalog.stock.write identity.customers.read payment.payments.read")));
            ForgedTokens.from(allScopes, bazaar.gateway()).forEach((name, token) -> callers.put("order-service token, " + name, token));

            Map<String, Function<String, Object>> methods = new java.util.LinkedHashMap<>();
            methods.put("CatalogService/GetProducts", token -> ServiceChannels.withToken(CatalogServiceGrpc.newBlockingStub(grpc.channel("catalog")), token)
                    .getProducts(GetProductsRequest.newBuilder().addProductIds(product.toString()).build()));
            methods.put("CatalogService/ReserveStock", token -> ServiceChannels.withToken(CatalogServiceGrpc.newBlockingStub(grpc.channel("catalog")), token)
                    .reserveStock(ReserveStockRequest.newBuilder().setOrderId(UUID.randomUUID().toString())
                            .addLines(StockLine.newBuilder().setProductId(product.toString()).setQuantity(5)).build()));
            methods.put("CatalogService/ReleaseStock", token -> ServiceChannels.withToken(CatalogServiceGrpc.newBlockingStub(grpc.channel("catalog")), token)
                    .releaseStock(ReleaseStockRequest.newBuilder().setOrderId(orderId).build()));
            methods.put("CustomerService/GetCustomer", token -> ServiceChannels.withToken(CustomerServiceGrpc.newBlockingStub(grpc.channel("identity")), token)
                    .getCustomer(GetCustomerRequest.newBuilder().setCustomerId(owner.id().toString()).build()));
            methods.put("PaymentService/GetPayment", token -> ServiceChannels.withToken(PaymentServiceGrpc.newBlockingStub(grpc.channel("payment")), token)
                    .getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId).build()));

            Map<String, List<String>> lacking = Map.of(
                    "payment-service client (identity.customers.read only)", List.of("CatalogService/GetProducts",
                            "CatalogService/ReserveStock", "CatalogService/ReleaseStock", "PaymentService/GetPayment"),
                    "order-service token scoped to catalog.products.read", List.of("CatalogService/ReserveStock",
                            "CatalogService/ReleaseStock", "CustomerService/GetCustomer", "PaymentService/GetPayment"));
            Map<String, String> lackingTokens = Map.of("payment-service client (identity.customers.read only)", paymentClient,
                    "order-service token scoped to catalog.products.read", readOnly);

            methods.forEach((method, call) -> {
                callers.forEach((caller, token) -> {
                    Status.Code code = codeOf(() -> call.apply(token));
                    boolean held = code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED;
                    log.record(kind, method + " with " + caller, "UNAUTHENTICATED or PERMISSION_DENIED", code.name(), held);
                });
                lacking.forEach((caller, refused) -> {
                    if (refused.contains(method)) {
                        log.expect(kind, method + " with " + caller, codeOf(() -> call.apply(lackingTokens.get(caller))),
                                Status.Code.PERMISSION_DENIED);
                    }
                });
            });
            // the sanity check that the methods work at all for the right caller
            log.expect(kind, "CatalogService/GetProducts with order-service's token answers",
                    codeOf(() -> methods.get("CatalogService/GetProducts").apply(allScopes)), Status.Code.OK);
        }
        JsonPath stock = as(bazaar.gateway(), admin).get("/api/catalog/admin/products/" + product + "/stock").jsonPath();
        log.expect(kind, "no stock was reserved or released by refused calls",
                stock.getInt("available") + "/" + stock.getInt("reserved") + "/" + stock.getInt("sold"), "48/0/2", "48/2/0");
        failOnViolations(kind);
    }

    private static Status.Code codeOf(Runnable call) {
        try {
            call.run();
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    // ---- mass assignment --------------------------------------------------------------------

    @Test
    void fieldsAClientMustNotSetAreRejectedAndNeverApplied() {
        String kind = "mass assignment";
        String email = "mass-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String registration = "{\"email\": \"" + email + "\", \"password\": \"Correct-Horse-42\", \"displayName\": \"Mass\"";
        for (String extra : List.of("\"roles\": [\"ADMIN\"]", "\"enabled\": false", "\"id\": \"" + UUID.randomUUID() + "\"",
                "\"passwordHash\": \"x\"", "\"version\": 99")) {
            log.expect(kind, "register with " + extra, as(bazaar.gateway(), null).contentType(ContentType.JSON)
                    .body(registration + ", " + extra + "}").post("/api/identity/register").statusCode(), 400);
        }
        log.expect(kind, "no account was made by those registrations", as(bazaar.gateway(), admin).queryParam("q", email)
                .get("/api/identity/admin/users").path("totalItems"), 0);

        // a product of its own: the other tests count the shared product's stock
        String placed = order(newProduct(10, 1250), 2, "tok_visa");
        String tail = placed.substring(placed.lastIndexOf('}'));
        String head = placed.substring(0, placed.lastIndexOf('}'));
        for (String extra : List.of("\"status\": \"CONFIRMED\"", "\"total\": {\"amount\": 1, \"currency\": \"EUR\"}",
                "\"customerId\": \"" + owner.id() + "\"", "\"id\": \"" + UUID.randomUUID() + "\"", "\"paymentId\": \"" + paymentId + "\"",
                "\"customer\": {\"email\": \"x@example.com\"}")) {
            log.expect(kind, "place order with " + extra, as(bazaar.gateway(), stranger.token()).contentType(ContentType.JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString()).body(head + ", " + extra + tail)
                    .post("/api/orders").statusCode(), 400);
        }
        String linePrice = placed.replace("\"quantity\": 2}", "\"quantity\": 2, \"price\": {\"amount\": 1, \"currency\": \"EUR\"}}");
        log.expect(kind, "place order with a price in a line", as(bazaar.gateway(), stranger.token()).contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString()).body(linePrice).post("/api/orders").statusCode(), 400);
        // a valid order is priced by catalog and belongs to its caller, whatever else is sent
        String id = place(stranger.token(), placed);
        JsonPath read = as(bazaar.gateway(), stranger.token()).get("/api/orders/" + id).jsonPath();
        log.expect(kind, "the order's total comes from catalog", read.getLong("total.amount"), 2500L);
        log.expect(kind, "the order belongs to its caller", read.getString("customer.id") + " " + read.getString("customer.email"),
                stranger.id() + " " + stranger.email());
        log.expect(kind, "the caller has only that one order", as(bazaar.gateway(), stranger.token())
                .queryParam("size", 100).get("/api/orders").path("totalItems"), 1);

        UUID hijackId = UUID.randomUUID();
        String category = as(bazaar.gateway(), null).get("/api/catalog/categories").path("[0].id");
        String newProduct = "{\"sku\": \"MASS-" + hijackId.toString().substring(0, 8) + "\", \"name\": \"Mass\", \"categoryId\": \""
                + category + "\", \"price\": {\"amount\": 100, \"currency\": \"EUR\"}, \"initialStock\": 1";
        for (String extra : List.of("\"id\": \"" + hijackId + "\"", "\"stock\": {\"available\": 999}", "\"available\": 999",
                "\"sold\": 5", "\"archived\": true", "\"status\": \"ARCHIVED\"", "\"createdBy\": \"someone\"")) {
            log.expect(kind, "create product with " + extra, as(bazaar.gateway(), admin).contentType(ContentType.JSON)
                    .body(newProduct + ", " + extra + "}").post("/api/catalog/admin/products").statusCode(), 400);
        }
        log.expect(kind, "no product under the chosen id", as(bazaar.gateway(), null).get("/api/catalog/products/" + hijackId)
                .statusCode(), 404);
        for (String extra : List.of("\"price\": {\"amount\": 1, \"currency\": \"EUR\"}", "\"sku\": \"RENAMED\"", "\"stock\": 5",
                "\"id\": \"" + UUID.randomUUID() + "\"")) {
            log.expect(kind, "update product with " + extra, as(bazaar.gateway(), admin).contentType(ContentType.JSON)
                    .body("{\"name\": \"Attack fixture\", \"categoryId\": \"" + category + "\", " + extra + "}")
                    .put("/api/catalog/admin/products/" + product).statusCode(), 400);
        }
        log.expect(kind, "adjust stock with available", as(bazaar.gateway(), admin).contentType(ContentType.JSON)
                .body("{\"delta\": 1, \"reason\": \"x\", \"available\": 999}")
                .post("/api/catalog/admin/products/" + product + "/stock-adjustments").statusCode(), 400);
        JsonPath item = as(bazaar.gateway(), null).get("/api/catalog/products/" + product).jsonPath();
        log.expect(kind, "the product's price and name are unchanged", item.getLong("price.amount") + " " + item.getString("name"),
                "1250 Attack fixture");
        log.expect(kind, "change roles with enabled", as(bazaar.gateway(), admin).contentType(ContentType.JSON)
                .body("{\"roles\": [\"CUSTOMER\"], \"enabled\": false}").put("/api/identity/admin/users/" + owner.id() + "/roles")
                .statusCode(), 400);
        log.expect(kind, "the user is still enabled", as(bazaar.gateway(), admin).get("/api/identity/admin/users/" + owner.id())
                .path("enabled"), true);
        failOnViolations(kind);
    }

    // ---- sign-in throttling and rate limits -------------------------------------------------

    /**
     * Wrong passwords hold back the pair of account and address that sent them, never the
     * person elsewhere. At identity's own port the address is the connection's (127.0.0.2 here;
     * a forwarded header from anyone but the gateway counts for nothing); through the gateway it
     * is the client's, which the gateway forwards and identity trusts from it alone.
     */
    @Test
    void wrongPasswordsHoldBackTheAttackerNeverThePerson() throws Exception {
        String kind = "sign-in throttling";
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        InetAddress person = InetAddress.getByName("127.0.0.3");
        Shoppers.Shopper target = Shoppers.register(bazaar);
        ShopperLogin atIdentity = ShopperLogin.to(URI.create(bazaar.url("identity")), URI.create(bazaar.gateway()));
        for (int i = 0; i < 12; i++) {
            // a different made-up address each time: were it believed, no pair would ever be held back
            ShopperLogin spoofing = atIdentity.from(attacker).withHeader("X-Forwarded-For", "198.51.100." + (10 + i));
            log.expect(kind, "identity-service: wrong password #" + (i + 1) + " from 127.0.0.2 (X-Forwarded-For made up)",
                    signsIn(spoofing, target.email(), "Wrong-password-" + i), false);
        }
        log.expect(kind, "identity-service: the right password from 127.0.0.2 right after (that pair is held back)",
                signsIn(atIdentity.from(attacker).withHeader("X-Forwarded-For", "203.0.113.77"), target.email(),
                        target.password()), false);
        log.expect(kind, "identity-service: the person from 127.0.0.3 still signs in",
                signsIn(atIdentity.from(person), target.email(), target.password()), true);

        Shoppers.Shopper second = Shoppers.register(bazaar);
        ShopperLogin throughGateway = ShopperLogin.to(URI.create(bazaar.gateway()));
        for (int i = 0; i < 12; i++) {
            log.expect(kind, "gateway: wrong password #" + (i + 1) + " from 127.0.0.4",
                    signsIn(throughGateway.from(InetAddress.getByName("127.0.0.4")), second.email(), "Wrong-password-" + i), false);
        }
        log.expect(kind, "gateway: the right password from 127.0.0.4 right after (that pair is held back)",
                signsIn(throughGateway.from(InetAddress.getByName("127.0.0.4")), second.email(), second.password()), false);
        // were the gateway's own address the key, the attacker's failures would hold this back too
        log.expect(kind, "gateway: the person from 127.0.0.5 still signs in",
                signsIn(throughGateway.from(InetAddress.getByName("127.0.0.5")), second.email(), second.password()), true);
        failOnViolations(kind);
    }

    private static boolean signsIn(ShopperLogin browser, String email, String password) {
        try {
            browser.authorize(email, password);
            return true;
        } catch (ShopperLogin.LoginRefused refused) {
            return false;
        }
    }

    /**
     * Many callers at once, on kept-alive connections, until the gateway answers 429 (or a minute
     * has passed). Whatever the machine's speed, no more may get through than the budget allows:
     * the burst plus the refill over the time taken.
     */
    @Test
    void burstsOverTheGatewaysBudgetsAreAnswered429WithRetryAfter() throws Exception {
        String kind = "rate limits";
        Shoppers.Shopper burster = Shoppers.register(bazaar);
        // placing orders: 20 a second, 40 at once in this suite; bodies are invalid, so nothing is ordered
        hammer(kind, "POST /api/orders by one shopper (20/s, burst 40)", null, 32, 20, 40,
                () -> HttpRequest.newBuilder(URI.create(bazaar.gateway() + "/api/orders"))
                        .header("Authorization", "Bearer " + burster.token()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        // registering: the sign-in budget per address (20/s, 40 at once in this suite); the bodies are
        // invalid, so no account is made, and registration never hashes a password for them
        hammer(kind, "POST /api/identity/register from one address (20/s, burst 40)",
                InetAddress.getByAddress(new byte[] {127, 0, 0, 41}), 16, 20, 40,
                () -> HttpRequest.newBuilder(URI.create(bazaar.gateway() + "/api/identity/register"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        // a cart's checkout places an order: the same budget per shopper, in a bucket of its own; without an
        // Idempotency-Key each is refused before anything is read or written
        hammer(kind, "POST /api/cart/checkout by one shopper (20/s, burst 40)", null, 32, 20, 40,
                () -> HttpRequest.newBuilder(URI.create(bazaar.gateway() + "/api/cart/checkout"))
                        .header("Authorization", "Bearer " + burster.token()).header("Content-Type", "application/json")
                        .header("If-Match", "\"1\"").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        // guests make carts without a token: the strict budget per address (each answer is a real, empty cart)
        hammer(kind, "POST /api/carts from one address (20/s, burst 40)",
                InetAddress.getByAddress(new byte[] {127, 0, 0, 43}), 16, 20, 40,
                () -> HttpRequest.newBuilder(URI.create(bazaar.gateway() + "/api/carts"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
        // anyone without a token: 100 a second, 200 at once per address (its own loopback address here)
        hammer(kind, "GET /api/catalog/categories from one address (100/s, burst 200)",
                InetAddress.getByAddress(new byte[] {127, 0, 0, 42}), 64, 100, 200,
                () -> HttpRequest.newBuilder(URI.create(bazaar.gateway() + "/api/catalog/categories")).GET().build());
        failOnViolations(kind);
    }

    private static void hammer(String kind, String what, InetAddress from, int callers, int perSecond, int burst,
            java.util.function.Supplier<HttpRequest> request) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (from != null) {
            builder.localAddress(from);
        }
        List<HttpResponse<String>> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean limited = new AtomicBoolean();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long start = System.nanoTime();
        List<String> undocumented = Collections.synchronizedList(new ArrayList<>());
        try (HttpClient client = ContractCheckingHttpClient.of(builder.build(), AnsweredBy.GATEWAY, undocumented::add);
                var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < callers; i++) {
                workers.submit(() -> {
                    while (!limited.get() && System.nanoTime() < deadline) {
                        HttpResponse<String> answer = client.send(request.get(), HttpResponse.BodyHandlers.ofString());
                        answers.add(answer);
                        if (answer.statusCode() == 429) {
                            limited.set(true);
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long through = answers.stream().filter(r -> r.statusCode() != 429).count();
        long budget = burst + (long) Math.ceil(perSecond * seconds) + callers;
        log.expect(kind, what + ": no more got through than the budget (" + through + " in " + String.format("%.1f", seconds)
                + " s, budget " + budget + ")", through <= budget, true);
        checkBurst(kind, what + " (" + answers.size() + " sent by " + callers + " callers)", answers);
        log.expect(kind, what + ": every answer as the published documents declare it"
                + (undocumented.isEmpty() ? "" : " (" + undocumented.size() + " not, first: " + undocumented.getFirst() + ")"),
                undocumented.isEmpty(), true);
    }

    private static void checkBurst(String kind, String burst, List<HttpResponse<String>> answers) {
        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        log.expect(kind, burst + ": some answers are 429 (" + limited.size() + " of " + answers.size() + ")", !limited.isEmpty(), true);
        log.expect(kind, burst + ": every 429 has Retry-After and problem+json", limited.stream().allMatch(r ->
                r.headers().firstValue("Retry-After").isPresent()
                        && r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")), true);
        log.expect(kind, burst + ": no 5xx", answers.stream().noneMatch(r -> r.statusCode() >= 500), true);
    }

    // ---- exposure ---------------------------------------------------------------------------

    /**
     * What a shopper (or anyone) reaches on the ports requests are served on: the probes, bare;
     * no metrics, health details or other Actuator endpoint, with a token or without. Actuator
     * lives on each service's management port, which listens on this machine's own address only,
     * as every service port but the gateway's does.
     */
    @Test
    void actuatorAndTheServicesListenWhereOnlyTheMachineReaches() throws Exception {
        String kind = "exposure";
        for (dev.bazaar.e2e.ServiceProcess instance : bazaar.processes()) {
            // every instance: a second one is no less exposed than the first
            String service = instance.name();
            String base = instance.baseUrl();
            for (String path : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/health", "/actuator/env",
                    "/actuator")) {
                log.expect(kind, service + ": GET " + path + " with a shopper's token",
                        as(base, stranger.token()).get(path).statusCode(), 404);
                log.expect(kind, service + ": GET " + path + " without a token", as(base, null).get(path).statusCode(), 404);
            }
            for (String probe : List.of("/readyz", "/livez")) {
                Response answer = as(base, null).get(probe);
                log.expect(kind, service + ": GET " + probe + " says only its status", answer.statusCode() + " "
                        + answer.asString().replaceAll("\\s", ""), "200 {\"status\":\"UP\"}");
            }
            URI management = URI.create(instance.managementUrl());
            log.expect(kind, service + ": the management port from another address (127.0.0.2)",
                    connects("127.0.0.2", management.getPort()), false);
            if (!service.equals("gateway")) {
                log.expect(kind, service + ": the service port from another address (127.0.0.2)",
                        connects("127.0.0.2", URI.create(base).getPort()), false);
            }
        }
        log.expect(kind, "gateway: the public port from another address (127.0.0.2)",
                connects("127.0.0.2", URI.create(bazaar.gateway()).getPort()), true);
        failOnViolations(kind);
    }

    private static boolean connects(String host, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), 2000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    /**
     * Forwarded headers name the client and the public origin only when the gateway sends them:
     * from anyone else at identity's port they are ignored, and at the gateway a client's own
     * are dropped. Otherwise a caller could pick the origin identity's redirects point at.
     */
    @Test
    void forwardedHeadersCountOnlyFromTheGateway() throws Exception {
        String kind = "forwarded headers";
        String authorize = "/oauth2/authorize?response_type=code&client_id=bazaar-web&scope=openid"
                + "&redirect_uri=" + java.net.URLEncoder.encode(bazaar.gateway() + "/swagger-ui/oauth2-redirect.html",
                        java.nio.charset.StandardCharsets.UTF_8)
                + "&code_challenge=" + "x".repeat(43) + "&code_challenge_method=S256";
        for (String base : List.of(bazaar.url("identity"), bazaar.gateway())) {
            String where = base.equals(bazaar.gateway()) ? "gateway" : "identity-service (from 127.0.0.2)";
            HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2"))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            // as a browser asks: a page, so a visitor who has not signed in is sent to the sign-in form
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + authorize))
                    .header("Accept", "text/html").header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                    .header("Forwarded", "for=203.0.113.1;host=evil.example;proto=https").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = answer.headers().firstValue("Location").orElse("");
            log.expect(kind, where + ": sign-in redirect with a forged X-Forwarded-Host (" + answer.statusCode() + " " + location + ")",
                    answer.statusCode() / 100 == 3 && !location.contains("evil.example"), true);
        }
        failOnViolations(kind);
    }

    /**
     * An admin's account taken over cannot leave the shop with no admin: with every other admin
     * demoted, the last one can neither drop its role nor be disabled, through the gateway or at
     * identity's port. The other admins get their roles back afterwards.
     */
    @Test
    void theLastAdminCannotBeRemoved() {
        String kind = "last admin";
        Shoppers.Shopper last = Shoppers.register(bazaar);
        as(bazaar.gateway(), admin).contentType(ContentType.JSON).body("{\"roles\": [\"CUSTOMER\", \"ADMIN\"]}")
                .put("/api/identity/admin/users/" + last.id() + "/roles").then().statusCode(200);
        String lastToken = Shoppers.login(bazaar, last.email(), last.password());
        Map<UUID, String> others = enabledAdminsBut(last.id());
        try {
            others.keySet().forEach(other -> as(bazaar.gateway(), lastToken).contentType(ContentType.JSON)
                    .body("{\"roles\": [\"CUSTOMER\"]}").put("/api/identity/admin/users/" + other + "/roles")
                    .then().statusCode(200));
            for (String base : List.of(bazaar.gateway(), bazaar.url("identity"))) {
                String where = base.equals(bazaar.gateway()) ? "gateway" : "identity-service";
                Response demoted = as(base, lastToken).contentType(ContentType.JSON).body("{\"roles\": [\"CUSTOMER\"]}")
                        .put("/api/identity/admin/users/" + last.id() + "/roles");
                log.expect(kind, where + ": the last admin drops its own role", demoted.statusCode() + " "
                        + demoted.path("type"), "409 urn:bazaar:problem:last-admin");
                Response disabled = as(base, lastToken).post("/api/identity/admin/users/" + last.id() + "/disable");
                log.expect(kind, where + ": the last admin is disabled", disabled.statusCode() + " " + disabled.path("type"),
                        "409 urn:bazaar:problem:last-admin");
            }
            JsonPath still = as(bazaar.gateway(), lastToken).get("/api/identity/admin/users/" + last.id()).jsonPath();
            log.expect(kind, "the last admin is still an enabled admin", still.getList("roles").contains("ADMIN")
                    && still.getBoolean("enabled"), true);
        } finally {
            others.forEach((other, roles) -> as(bazaar.gateway(), lastToken).contentType(ContentType.JSON)
                    .body("{\"roles\": " + roles + "}").put("/api/identity/admin/users/" + other + "/roles")
                    .then().statusCode(200));
        }
        failOnViolations(kind);
    }

    /** Every other enabled admin with its roles as JSON, read from identity's database (no API lists by role). */
    private static Map<UUID, String> enabledAdminsBut(UUID keep) {
        var database = bazaar.databases.get("identity");
        Map<UUID, String> admins = new java.util.LinkedHashMap<>();
        try (var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                var rows = connection.createStatement().executeQuery(
                        "select id, array_to_json(roles) from users where enabled and 'ADMIN' = any(roles)")) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                if (!id.equals(keep)) {
                    admins.put(id, rows.getString(2));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return admins;
    }

    /**
     * A signing key revoked for a suspected leak: its tokens stop working at the gateway and at
     * every service within their JWKS refresh (2 s in this suite), tokens already remembered as
     * verified included; tokens of the key that takes over work at once, and so does a checkout
     * (the services' own tokens of the revoked key are replaced). Last: it ends every token of
     * this suite.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aRevokedSigningKeysTokensAreRefusedEverywhere() {
        String kind = "key revocation";
        Map<String, String> protectedPaths = Map.of(
                "catalog", "/api/catalog/admin/products/" + product + "/stock",
                "order", "/api/orders",
                "payment", "/api/payments",
                "identity", "/api/identity/me");
        String shopper = stranger.token();
        // remembered as verified by each service before the revocation
        protectedPaths.forEach((service, path) -> bazaar.instances(service)
                .forEach(instance -> as(instance.baseUrl(), admin).get(path)));
        String kid = ForgedTokens.keyIdOf(shopper);
        Response revoked = as(bazaar.gateway(), admin).post("/api/identity/admin/keys/" + kid + "/revoke");
        log.expect(kind, "revoking the key in use answers 200", revoked.statusCode(), 200);
        // the instance that revoked it at once, the others within their key cache time (2 s in this suite)
        log.expect(kind, "no identity instance's JWKS lists it, within the key cache time",
                refusedWithin(Duration.ofSeconds(15), () -> bazaar.instances("identity").stream()
                        .anyMatch(instance -> as(instance.baseUrl(), null).get("/oauth2/jwks").asString().contains(kid))
                                ? 200 : 401), true);
        log.expect(kind, "the JWKS through the gateway no longer lists it",
                as(bazaar.gateway(), null).get("/oauth2/jwks").asString().contains(kid), false);
        // every instance of every service fetches the keys on its own: each one must let go of it
        Map<String, String> places = new java.util.LinkedHashMap<>();
        places.put("gateway", bazaar.gateway());
        protectedPaths.keySet().forEach(service -> bazaar.instances(service)
                .forEach(instance -> places.put(instance.name(), instance.baseUrl())));
        for (String place : places.keySet()) {
            String base = places.get(place);
            String path = protectedPaths.getOrDefault(serviceOf(place), "/api/orders");
            for (Map.Entry<String, String> token : Map.of("a shopper's token", shopper, "an admin's token", admin).entrySet()) {
                boolean refused = refusedWithin(Duration.ofSeconds(15), () -> as(base, token.getValue()).get(path).statusCode());
                log.expect(kind, place + ": " + token.getKey() + " of the revoked key, within the refresh", refused, true);
            }
        }
        String newAdmin = Shoppers.admin(bazaar);
        // what comes after (the checkout's product) needs an admin whose token still works
        admin = newAdmin;
        log.expect(kind, "a new sign-in's token names another key", ForgedTokens.keyIdOf(newAdmin).equals(kid), false);
        for (String place : places.keySet()) {
            String base = places.get(place);
            log.expect(kind, place + ": a token of the key that took over works at once",
                    as(base, newAdmin).get(protectedPaths.getOrDefault(serviceOf(place), "/api/orders")).statusCode(), 200);
        }
        Shoppers.Shopper buyer = Shoppers.register(bazaar);
        String placedAfter = place(buyer.token(), order(newProduct(5, 700), 1, "tok_visa"));
        log.expect(kind, "a checkout after the revocation is placed", placedAfter != null, true);
        failOnViolations(kind);
    }

    /** {@code catalog-2} is an instance of {@code catalog}; {@code gateway} is itself. */
    private static String serviceOf(String place) {
        return bazaar.service(place).service();
    }

    private static boolean refusedWithin(Duration limit, java.util.function.IntSupplier status) {
        try {
            await().atMost(limit).pollInterval(Duration.ofMillis(250)).until(() -> status.getAsInt() == 401);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
