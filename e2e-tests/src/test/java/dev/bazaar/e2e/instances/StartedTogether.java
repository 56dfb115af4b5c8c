package dev.bazaar.e2e.instances;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bazaar.e2e.RunningBazaar;

/**
 * What two instances of each service, started at the same moment on empty databases and an
 * empty broker, must have done once between them: each migration, the admin account, the
 * signing key, the demo catalog; and what they must not have lost: every event written to an
 * outbox published, and delivered to every service that consumes its type.
 */
final class StartedTogether {

    /** R__demo_catalog.sql (catalog's dev profile): 10 categories and 120 products, each with one initial stock adjustment. */
    static final int DEMO_CATEGORIES = 10;
    static final int DEMO_PRODUCTS = 120;

    /** DESIGN.md's event table: the services that consume each type, by the service that publishes it. */
    record Delivery(String producer, String type, List<String> consumers) {
    }

    static final List<Delivery> DELIVERIES = List.of(
            new Delivery("order", "order.order.placed", List.of("payment")),
            new Delivery("order", "order.order.confirmed", List.of("catalog")),
            new Delivery("order", "order.order.cancelled", List.of("catalog", "payment")),
            new Delivery("payment", "payment.payment.succeeded", List.of("order")),
            new Delivery("payment", "payment.payment.failed", List.of("order")),
            new Delivery("payment", "payment.payment.refunded", List.of("order")));

    private final Map<String, ServiceDatabase> databases;

    StartedTogether(RunningBazaar bazaar) {
        this.databases = Map.of(
                "identity", new ServiceDatabase("identity", bazaar.databases.get("identity")),
                "catalog", new ServiceDatabase("catalog", bazaar.databases.get("catalog")),
                "order", new ServiceDatabase("order", bazaar.databases.get("order")),
                "payment", new ServiceDatabase("payment", bazaar.databases.get("payment")));
    }

    /** Every Flyway migration of every service recorded once, and successful. */
    List<String> migrations() {
        List<String> findings = new ArrayList<>();
        databases.forEach((service, db) -> {
            long applied = db.count("select count(*) from flyway_schema_history where type <> 'SCHEMA'");
            if (applied == 0) {
                findings.add(service + ": no migration recorded");
            }
            db.texts("select coalesce(version, description) || ' (' || description || ')' from flyway_schema_history"
                    + " where not success").forEach(failed -> findings.add(service + ": migration " + failed + " failed"));
            db.texts("select coalesce(version, description) || ' recorded ' || count(*) || ' times' from flyway_schema_history"
                    + " where type <> 'SCHEMA' group by coalesce(version, description) having count(*) > 1")
                    .forEach(twice -> findings.add(service + ": migration " + twice));
        });
        return findings;
    }

    /**
     * One bootstrap admin and one ACTIVE signing key. Accounts a suite promoted to admin itself
     * (AttacksIT does) are shoppers it registered: "E2E Shopper".
     */
    List<String> identityOnce() {
        ServiceDatabase identity = databases.get("identity");
        List<String> findings = new ArrayList<>();
        long admins = identity.count("select count(*) from users where 'ADMIN' = any(roles) and display_name <> 'E2E Shopper'");
        if (admins != 1) {
            findings.add("identity: " + admins + " admin accounts besides the suites' own, not one: "
                    + identity.texts("select email from users where 'ADMIN' = any(roles) and display_name <> 'E2E Shopper'"));
        }
        long active = identity.count("select count(*) from signing_keys where state = 'ACTIVE'");
        if (active != 1) {
            findings.add("identity: " + active + " ACTIVE signing keys, not one");
        }
        long next = identity.count("select count(*) from signing_keys where state = 'NEXT'");
        if (next > 1) {
            findings.add("identity: " + next + " NEXT signing keys, at most one");
        }
        return findings;
    }

    /** The dev profile's demo catalog, seeded once: its categories, products and one initial stock adjustment each. */
    List<String> demoCatalogOnce() {
        ServiceDatabase catalog = databases.get("catalog");
        List<String> findings = new ArrayList<>();
        long adjustments = catalog.count("select count(*) from stock_adjustments where adjusted_by = 'demo-data'");
        long products = catalog.count("select count(distinct product_id) from stock_adjustments where adjusted_by = 'demo-data'");
        if (adjustments != DEMO_PRODUCTS || products != DEMO_PRODUCTS) {
            findings.add("catalog: " + adjustments + " demo stock adjustments for " + products + " products, not one for each of "
                    + DEMO_PRODUCTS);
        }
        long categories = catalog.count("select count(*) from categories");
        if (categories < DEMO_CATEGORIES) {
            findings.add("catalog: " + categories + " categories, fewer than the demo's " + DEMO_CATEGORIES);
        }
        long demoRuns = catalog.count("select count(*) from flyway_schema_history where script like 'R__demo_catalog%'");
        if (demoRuns != 1) {
            findings.add("catalog: the demo catalog script ran " + demoRuns + " times");
        }
        return findings;
    }

    /** Outbox rows not yet published, per service. */
    List<String> unpublished() {
        List<String> findings = new ArrayList<>();
        databases.forEach((service, db) -> {
            long waiting = db.count("select count(*) from outbox where published_at is null");
            if (waiting > 0) {
                findings.add(service + ": " + waiting + " outbox rows unpublished, e.g. "
                        + db.texts("select type || ' ' || aggregate_id || ' (attempts ' || attempts || ', ' || coalesce(last_error, '-') || ')'"
                                + " from outbox where published_at is null order by id limit 3"));
            }
        });
        return findings;
    }

    /** Events of a consumed type that some consuming service's inbox has not taken in. */
    List<String> undelivered() {
        List<String> findings = new ArrayList<>();
        for (Delivery delivery : DELIVERIES) {
            List<String> published = databases.get(delivery.producer()).texts(
                    "select event_id::text from outbox where type = ? and published_at is not null", delivery.type());
            if (published.isEmpty()) {
                continue;
            }
            for (String consumer : delivery.consumers()) {
                Set<String> received = new HashSet<>(databases.get(consumer).texts(
                        "select event_id::text from inbox where event_id = any(?::uuid[])", (Object) published.toArray(String[]::new)));
                long missing = published.stream().filter(id -> !received.contains(id)).count();
                if (missing > 0) {
                    findings.add(consumer + ": " + missing + " of " + published.size() + " published " + delivery.type()
                            + " events never reached its inbox");
                }
            }
        }
        return findings;
    }
}
