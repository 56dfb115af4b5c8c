package dev.bazaar.loadtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.postgresql.ds.PGSimpleDataSource;

import dev.bazaar.testsupport.audit.BooksAudit;
import dev.bazaar.testsupport.audit.BooksAudit.Report;

/**
 * Audits the books of a running Bazaar ({@code ./bazaar up}) after a load run: waits until
 * the orders placed during the run have settled, then checks them with {@link BooksAudit}
 * until they balance or a deadline passes (the services' events need a moment to land).
 * Exits 1 with every violation when they do not balance.
 *
 * <p>Databases as {@code ./bazaar} creates them (user = password = database name), on
 * {@code BAZAAR_PG_HOST} (127.0.0.1) and {@code BAZAAR_PG_PORT} (5432); or each one's JDBC
 * URL, user and password from {@code BAZAAR_AUDIT_<CATALOG|ORDERS|PAYMENTS>_URL|_USER|_PASSWORD}.
 * {@code BAZAAR_PAYMENT_TIMEOUT} (15m) as order-service has it. The books must balance with no
 * order AWAITING_PAYMENT for longer than {@code BAZAAR_AUDIT_SETTLE} (seconds, 5): a run pays
 * with tok_visa, which settles at once. {@code BAZAAR_AUDIT_DEADLINE} (seconds, 60) bounds the wait.
 */
public final class AuditBooks {

    private AuditBooks() {
    }

    public static void main(String[] args) {
        Duration paymentTimeout = duration(env("BAZAAR_PAYMENT_TIMEOUT", "15m"));
        Duration deadline = Duration.ofSeconds(Long.parseLong(env("BAZAAR_AUDIT_DEADLINE", "60")));
        Duration settle = Duration.ofSeconds(Long.parseLong(env("BAZAAR_AUDIT_SETTLE", "5")));
        BooksAudit.Databases databases = new BooksAudit.Databases(
                database("catalog"), database("orders"), database("payments"));

        Instant started = Instant.now();
        Report[] last = new Report[1];
        long[] unsettled = new long[1];
        try {
            // the first look comes `settle` after the run, so its last orders have had that long too
            Awaitility.await().atMost(deadline).pollDelay(settle).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        last[0] = BooksAudit.check(databases, paymentTimeout);
                        unsettled[0] = awaitingLongerThan(databases.orders(), settle);
                        return last[0].clean() && unsettled[0] == 0;
                    });
        } catch (ConditionTimeoutException e) {
            // the last report says what did not settle or balance
        }
        Report report = last[0];
        System.out.println("books audit (after " + Duration.between(started, Instant.now()).toSeconds() + " s): "
                + report.summary());
        if (unsettled[0] > 0) {
            System.out.println("  - " + unsettled[0] + " orders still AWAITING_PAYMENT more than " + settle.toSeconds()
                    + " s after they were placed (a run's tok_visa orders settle within a second or two)");
        }
        System.exit(report.clean() && unsettled[0] == 0 ? 0 : 1);
    }

    private static long awaitingLongerThan(DataSource orders, Duration age) throws SQLException {
        try (Connection c = orders.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from orders where status = 'AWAITING_PAYMENT' and placed_at < now() - ? * interval '1 millisecond'")) {
            s.setLong(1, age.toMillis());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static DataSource database(String name) {
        String prefix = "BAZAAR_AUDIT_" + name.toUpperCase() + "_";
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(env(prefix + "URL", "jdbc:postgresql://" + env("BAZAAR_PG_HOST", "127.0.0.1") + ":"
                + env("BAZAAR_PG_PORT", "5432") + "/" + name));
        dataSource.setUser(env(prefix + "USER", name));
        dataSource.setPassword(env(prefix + "PASSWORD", name));
        dataSource.setReadOnly(true);
        return dataSource;
    }

    /** Spring's simple durations: 15m, 30s, 2h, 500ms, or plain seconds. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long amount = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return switch (t.replaceAll("^[0-9]+", "")) {
            case "", "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
