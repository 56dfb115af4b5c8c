package dev.bazaar.e2e.instances;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

import dev.bazaar.e2e.InstanceCounters;
import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.ServiceProcess;
import dev.bazaar.e2e.Shoppers;
import dev.bazaar.testsupport.ShopperLogin;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.audit.BooksAudit;
import io.restassured.http.ContentType;

/**
 * Two instances of identity, catalog, order and payment behind one gateway (the shared system
 * of the suite): they started together on empty databases and did the once-only work once;
 * checkouts spread over every instance and all end well; shoppers sign in while one identity
 * instance is away; and a slow card holds up nobody else's order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManyInstancesIT {

    private static final int ORDERS = 200;
    private static final int SHOPPERS = 8;

    static RunningBazaar bazaar;
    static String admin;
    static Checkouts checkouts;
    static StartedTogether startedTogether;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.get();
        admin = Shoppers.admin(bazaar);
        checkouts = new Checkouts(bazaar.gateway());
        startedTogether = new StartedTogether(bazaar);
    }

    @Test
    @Order(1)
    void instancesStartedTogetherOnEmptyDatabasesDidTheOnceOnlyWorkOnce() {
        List<String> findings = new ArrayList<>();
        findings.addAll(startedTogether.migrations());
        findings.addAll(startedTogether.identityOnce());
        findings.addAll(startedTogether.demoCatalogOnce());

        assertThat(findings).as("what two instances started at once did twice or not at all").isEmpty();
        assertThat(bazaar.processes()).hasSize(RunningBazaar.SCALED.size() * RunningBazaar.INSTANCES + 1)
                .allSatisfy(process -> assertThat(process.alive()).as(process.name()).isTrue());
    }

    @Test
    @Order(2)
    void twoHundredOrdersAreAllConfirmedWithBalancedBooksAndEveryInstanceDidItsShare() throws Exception {
        UUID product = product(ORDERS + 50);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            tokens.add(Shoppers.register(bazaar).token());
        }
        Map<String, InstanceCounters.Reading> before = counters();

        List<Checkouts.Placed> placed = new ArrayList<>();
        // one thread per shopper: the gateway's order budget is per shopper
        try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Checkouts.Placed>>> each = new ArrayList<>();
            for (String token : tokens) {
                each.add(shoppers.submit(() -> {
                    List<Checkouts.Placed> own = new ArrayList<>();
                    for (int i = 0; i < ORDERS / SHOPPERS; i++) {
                        own.add(checkouts.place(token, product, 1, "tok_visa"));
                    }
                    return own;
                }));
            }
            for (Future<List<Checkouts.Placed>> orders : each) {
                placed.addAll(orders.get());
            }
        }
        assertThat(placed).hasSize(ORDERS);

        ServiceDatabase orders = new ServiceDatabase("order", bazaar.databases.get("order"));
        UUID[] ids = ServiceDatabase.uuids(placed.stream().map(Checkouts.Placed::id).toList());
        Awaitility.await("every order CONFIRMED").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> orders.count("select count(*) from orders where id = any(?) and status <> 'AWAITING_PAYMENT'", (Object) ids)
                        == ORDERS);
        assertThat(orders.texts("select status from orders where id = any(?)", (Object) ids))
                .hasSize(ORDERS).containsOnly("CONFIRMED");
        assertThat(balancedBooks()).as("BooksAudit").isEqualTo("clean");

        Map<String, InstanceCounters.Reading> after = counters();
        Map<String, Long> didMeanwhile = new LinkedHashMap<>();
        after.forEach((instance, reading) -> didMeanwhile.put(instance,
                Math.round(reading.total() - before.get(instance).total())));
        System.out.println("[many-instances] " + ORDERS + " orders; counted per instance meanwhile: " + didMeanwhile);
        assertThat(after.values()).as("every instance answers on its management port")
                .allSatisfy(reading -> assertThat(reading.reachable()).as(reading.instance()).isTrue());
        assertThat(didMeanwhile).as("charges per payment instance, ReserveStock requests per catalog instance")
                .hasSize(2 * RunningBazaar.INSTANCES)
                .allSatisfy((instance, count) -> assertThat(count).as(instance).isPositive());
    }

    @Test
    @Order(3)
    void aSlowCardHoldsUpNoOtherOrder() throws Exception {
        UUID product = product(50);
        String slowShopper = Shoppers.register(bazaar).token();
        String quickShopper = Shoppers.register(bazaar).token();

        List<Checkouts.Placed> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            slow.add(checkouts.place(slowShopper, product, 1, "tok_slow"));
        }
        Map<UUID, Duration> confirmedAfter = new ConcurrentHashMap<>();
        List<Checkouts.Placed> quick = new ArrayList<>();
        try (ExecutorService watchers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5; i++) {
                Checkouts.Placed order = checkouts.place(quickShopper, product, 1, "tok_visa");
                quick.add(order);
                // watched from the moment it is placed, so a late answer to the next placement delays no watch
                watchers.submit(() -> confirmedAfter.put(order.id(), timeToConfirm(order, Duration.ofSeconds(30))));
            }
        }

        assertThat(quick).allSatisfy(order -> assertThat(confirmedAfter.get(order.id()))
                .as("order %s paid with tok_visa behind 20 tok_slow ones: CONFIRMED after", order.id())
                .isLessThanOrEqualTo(Duration.ofSeconds(10)));
        // the slow ones end too: the suites after this one audit the same books
        Awaitility.await("every tok_slow order final").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> slow.stream().allMatch(order -> !checkouts.status(order).equals("AWAITING_PAYMENT")));
    }

    @Test
    @Order(4)
    void shoppersSignInAndUseTheirTokensWhileIdentityInstanceOneIsStopped() {
        List<Shoppers.Shopper> shoppers = List.of(Shoppers.register(bazaar), Shoppers.register(bazaar),
                Shoppers.register(bazaar));
        UUID product = product(10);
        ServiceProcess first = bazaar.instances("identity").getFirst();
        first.stop();
        try {
            assertThat(first.alive()).as(first.name() + " stopped").isFalse();
            for (Shoppers.Shopper shopper : shoppers) {
                // authorization code + PKCE through the gateway: every step may land on either instance
                String token = ShopperLogin.to(java.net.URI.create(bazaar.gateway()))
                        .accessToken(shopper.email(), shopper.password());

                given().baseUri(bazaar.gateway()).auth().oauth2(token).when().get("/api/identity/me")
                        .then().statusCode(200).body("email", org.hamcrest.Matchers.equalTo(shopper.email()));
                given().baseUri(bazaar.gateway()).auth().oauth2(token).when().get("/api/orders")
                        .then().statusCode(200);
                Checkouts.Placed order = checkouts.place(token, product, 1, "tok_visa");
                assertThat(timeToConfirm(order, Duration.ofSeconds(60))).as("order placed while " + first.name()
                        + " is stopped, CONFIRMED after").isLessThan(Duration.ofSeconds(60));
            }
        } finally {
            first.start();
            first.awaitReady(Duration.ofSeconds(240));
            bazaar.awaitGatewayRoutesTo("identity");
        }
    }

    @Test
    @Order(5)
    void noEventIsLostEveryOutboxRowIsPublishedAndDelivered() {
        AtomicReference<List<String>> findings = new AtomicReference<>(List.of());
        try {
            Awaitility.await("every outbox row published and delivered").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        List<String> now = new ArrayList<>(startedTogether.unpublished());
                        now.addAll(startedTogether.undelivered());
                        findings.set(now);
                        return now.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            // the last findings say what stayed behind
        }
        assertThat(findings.get()).as("events lost or held back").isEmpty();
    }

    /** How long after it was sent the shopper saw the order CONFIRMED (or {@code atMost} if never). */
    private static Duration timeToConfirm(Checkouts.Placed order, Duration atMost) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> checkouts.status(order).equals("CONFIRMED"));
            return Duration.between(order.sentAt(), Instant.now());
        } catch (ConditionTimeoutException e) {
            return atMost;
        }
    }

    private static Map<String, InstanceCounters.Reading> counters() {
        Map<String, InstanceCounters.Reading> readings = new LinkedHashMap<>();
        bazaar.instances("payment").forEach(p -> readings.put(p.name(), InstanceCounters.read(p, InstanceCounters.CHARGES)));
        bazaar.instances("catalog").forEach(c -> readings.put(c.name(), InstanceCounters.read(c, InstanceCounters.RESERVATIONS)));
        return readings;
    }

    /** "clean", or what the shared audit found; retried a while, as the audit reads three databases one after another. */
    private static String balancedBooks() {
        BooksAudit.Databases databases = new BooksAudit.Databases(dataSource("catalog"), dataSource("order"),
                dataSource("payment"));
        AtomicReference<BooksAudit.Report> report = new AtomicReference<>();
        try {
            Awaitility.await("books balanced").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        report.set(BooksAudit.check(databases, RunningBazaar.PAYMENT_TIMEOUT));
                        return report.get().clean();
                    });
            return "clean";
        } catch (ConditionTimeoutException e) {
            return report.get().summary();
        }
    }

    private static DataSource dataSource(String service) {
        TestPostgres.Database database = bazaar.databases.get(service);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    private static UUID product(int stock) {
        UUID category = UUID.fromString(given().baseUri(bazaar.gateway()).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        String id = given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "MANY-%s", "name": "Replica Tumbler", "categoryId": "%s",
                         "price": {"amount": 1500, "currency": "EUR"}, "initialStock": %d}"""
                        .formatted(UUID.randomUUID().toString().substring(0, 8), category, stock))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
