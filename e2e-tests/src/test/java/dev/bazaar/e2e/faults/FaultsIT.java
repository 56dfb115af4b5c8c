package dev.bazaar.e2e.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.bazaar.e2e.RunningBazaar;
import dev.bazaar.e2e.ServiceProcess;
import dev.bazaar.e2e.Shoppers;
import dev.bazaar.e2e.TcpProxy;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.audit.BooksAudit;
import io.restassured.http.ContentType;

/**
 * Fault injection with two instances of every service but the gateway: under a steady load
 * of checkouts through the gateway, one instance each of catalog, order, payment and identity
 * is killed with SIGKILL in turn (and started again), then the gateway; the broker and the
 * database go away, and order's links to every catalog instance are slowed and cut. Shoppers
 * retry as the API says (same Idempotency-Key, for up to 60 s, see CheckoutLoad) and must see no failure;
 * afterwards every order that got a 201 must be final within 60 s of the last fault and the
 * books must balance: nothing lost, no money taken twice or kept for a cancelled order, stock
 * conserved to the unit, no dead letters. The report (e2e-tests/target/faults-report.md) gives
 * what each payment and catalog instance counted, read from its own management port.
 */
class FaultsIT {

    private static final int PRODUCTS = 4;
    private static final int STOCK_EACH = 5_000;
    private static final int SHOPPERS = 4;
    private static final int WORKERS = 4;
    private static final int REQUESTS_PER_SECOND = 4;
    private static final Duration FINAL_WITHIN = Duration.ofSeconds(60);

    @Test
    void everyAcceptedOrderEndsOnceWithBalancedBooksThroughKillsOutagesAndBrokenLinks() {
        long seed = Long.getLong("bazaar.faults.seed", System.nanoTime());
        Random random = new Random(seed);
        boolean realInfrastructure = Infrastructure.realRestartsAllowed();
        RunningBazaar bazaar = RunningBazaar.get();
        String admin = Shoppers.admin(bazaar);
        Map<UUID, Integer> initialStock = new LinkedHashMap<>();
        for (int i = 0; i < PRODUCTS; i++) {
            initialStock.put(product(bazaar, admin), STOCK_EACH);
        }
        List<LoadShopper> shoppers = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            shoppers.add(new LoadShopper(bazaar, Shoppers.register(bazaar)));
        }
        EventDeliveries deliveries = new EventDeliveries(bazaar, List.of("catalog", "order", "payment"));
        deliveries.mark();
        CheckoutLoad load = new CheckoutLoad(bazaar.gateway(), shoppers, List.copyOf(initialStock.keySet()),
                random.nextLong(), WORKERS);
        CounterReadings counters = new CounterReadings(bazaar);
        Faults faults = new Faults(bazaar, load, random, realInfrastructure, counters);
        System.out.printf("[faults] seed %d, %s infrastructure faults%n", seed, realInfrastructure ? "real" : "simulated");

        counters.read("before the load");
        Instant started = Instant.now();
        load.start(REQUESTS_PER_SECOND);
        try {
            for (String service : List.of("catalog", "order", "payment", "identity")) {
                faults.killOneAndRestart(service);
            }
            faults.killGatewayAndRestart();
            faults.restartBroker();
            faults.restartPostgres();
            faults.slowLinks("order-to-catalog-grpc", bazaar.catalogGrpcLinks);
            faults.cutLinks("order-to-catalog-grpc", bazaar.catalogGrpcLinks);
        } catch (RuntimeException e) {
            // e.g. a service that does not start again: still audit and report what happened
            faults.violations.add("scenario aborted after " + faults.injected.size() + " faults: " + e.getMessage());
            System.out.println("[faults] scenario aborted: " + e);
        } finally {
            bazaar.catalogGrpcLinks.forEach(TcpProxy::heal);
            bazaar.brokerLink.heal();
            bazaar.postgresLink().heal();
            load.stop();
        }
        Instant lastFault = faults.lastFaultEnded();
        restartWhatDidNotComeBack(bazaar, faults);

        OrderBooks books = new OrderBooks(bazaar.databases.get("order"), bazaar.databases.get("catalog"),
                bazaar.databases.get("payment"));
        Duration finalAfter = awaitAllFinal(books, load, lastFault);
        BooksAudit.Databases databases = new BooksAudit.Databases(dataSource(bazaar, "catalog"),
                dataSource(bazaar, "order"), dataSource(bazaar, "payment"));
        AtomicReference<BooksAudit.Report> shared = new AtomicReference<>();
        AcceptedOrdersAudit.Result audit = settledAudit(books, load, initialStock,
                shoppers.stream().map(LoadShopper::id).collect(Collectors.toSet()), databases, shared);
        List<String> violations = new ArrayList<>(faults.violations);
        Map<String, Long> deadLetters = deadLetters(bazaar, violations);
        Map<String, Long> inboxRows = new LinkedHashMap<>();
        for (String service : List.of("catalog", "order", "payment")) {
            inboxRows.put(service, books.inboxRows(bazaar.databases.get(service)));
        }

        violations.addAll(load.unexpected);
        load.unanswered.forEach(key -> violations.add("never answered within "
                + CheckoutLoad.ANSWER_WITHIN.toSeconds() + " s of retrying: " + key));
        if (finalAfter == null) {
            violations.add("not every accepted order was final within " + FINAL_WITHIN.toSeconds() + " s of the last fault");
        }
        violations.addAll(audit.violations());
        shared.get().violations().forEach(v -> violations.add("books audit: " + v));
        deadLetters.forEach((queue, depth) -> {
            if (depth > 0) {
                violations.add(depth + " dead letters in " + queue + " (the suite poisons none)");
            }
        });

        counters.read("at the end");
        FaultsReport report = new FaultsReport(seed, realInfrastructure, Duration.between(started, Instant.now()),
                faults.injected, load, audit.tally(), finalAfter, deadLetters, deliveries.since(), inboxRows,
                counters, shared.get().summary().lines().findFirst().orElse(""), violations);
        report.publish();

        assertThat(violations).as("violations; see e2e-tests/target/faults-report.md").isEmpty();
        assertThat(faults.injected).hasSize(9);
        assertThat(load.acceptedCount()).as("orders accepted under faults").isPositive();
    }

    /**
     * A scenario aborted half-way may leave an instance down: the suites after this one share
     * the system and expect every instance running.
     */
    private static void restartWhatDidNotComeBack(RunningBazaar bazaar, Faults faults) {
        for (ServiceProcess process : bazaar.processes()) {
            if (!process.alive()) {
                faults.violations.add(process.name() + " was not running after the scenario");
                process.start();
                process.awaitReady(Duration.ofSeconds(240));
            }
        }
    }

    /** How long after the last fault every accepted order was final; null if not within the bound. */
    private static Duration awaitAllFinal(OrderBooks books, CheckoutLoad load, Instant lastFault) {
        Instant deadline = lastFault.plus(FINAL_WITHIN);
        Duration left = Duration.between(Instant.now(), deadline);
        try {
            Awaitility.await("every accepted order final").atMost(left.isNegative() ? Duration.ofMillis(1) : left)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> books.orders(load.accepted.keySet()).values().stream()
                            .filter(o -> !o.status().equals("AWAITING_PAYMENT")).count() == load.acceptedCount());
            return Duration.between(lastFault, Instant.now());
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    /**
     * Stock commits and refunds follow the final order state by a message: give them a moment
     * to land. Both audits: the suite's over what only it knows (its 201s, its products), and
     * the shared BooksAudit over everything in the three databases.
     */
    private static AcceptedOrdersAudit.Result settledAudit(OrderBooks books, CheckoutLoad load, Map<UUID, Integer> stock,
            Set<UUID> shoppers, BooksAudit.Databases databases, AtomicReference<BooksAudit.Report> shared) {
        AtomicReference<AcceptedOrdersAudit.Result> last = new AtomicReference<>();
        try {
            Awaitility.await("books balanced").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        last.set(AcceptedOrdersAudit.check(books, load, stock, shoppers));
                        shared.set(BooksAudit.check(databases, RunningBazaar.PAYMENT_TIMEOUT));
                        return last.get().violations().isEmpty() && shared.get().clean();
                    });
        } catch (ConditionTimeoutException e) {
            // the last result names what never balanced
        }
        return last.get();
    }

    private static Map<String, Long> deadLetters(RunningBazaar bazaar, List<String> violations) {
        try {
            return DeadLetterDepths.of(bazaar, Shoppers.admin(bazaar));
        } catch (RuntimeException | AssertionError e) {
            violations.add("dead-letter queues could not be read: " + e);
            return Map.of();
        }
    }

    private static DataSource dataSource(RunningBazaar bazaar, String service) {
        TestPostgres.Database database = bazaar.databases.get(service);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return dataSource;
    }

    private static UUID product(RunningBazaar bazaar, String admin) {
        UUID category = UUID.fromString(given().baseUri(bazaar.gateway()).when().get("/api/catalog/categories")
                .then().statusCode(200).extract().path("[0].id"));
        String sku = "FAULTS-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().baseUri(bazaar.gateway()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"sku": "%s", "name": "Fault Drill Mug", "categoryId": "%s",
                         "price": {"amount": 990, "currency": "EUR"}, "initialStock": %d}"""
                        .formatted(sku, category, STOCK_EACH))
                .when().post("/api/catalog/admin/products")
                .then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }
}
