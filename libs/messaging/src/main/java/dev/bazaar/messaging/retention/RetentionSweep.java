package dev.bazaar.messaging.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Deletes the rows of every {@link RetentionRule} that are older than the rule's period.
 * One instance of a service sweeps at a time: the sweep holds a Postgres advisory lock for
 * its whole round, and an instance that cannot take it skips the round. Rows go in
 * batches of {@link RetentionProperties#batchSize()}, each its own short transaction, so the
 * sweep never holds many row locks for long and never waits for a row a request is using.
 * A rule's table must not be partitioned: rows are picked by {@code ctid}, which is unique
 * only within one table.
 */
public class RetentionSweep {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    /** The advisory lock of the sweep, in the service's own database: "bazaar-r" in ASCII. */
    public static final long LOCK_KEY = 0x62617a616172_2d72L;

    /** Counter of rows deleted, tagged with the rule's name. */
    public static final String DELETED = "bazaar.retention.deleted";

    // names end up in SQL, so only plain (optionally schema-qualified) identifiers are allowed
    private static final Pattern TABLE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    // SKIP LOCKED: a row that a request has locked right now waits for the next round
    private static final String DELETE_BATCH = """
            DELETE FROM %1$s WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM %1$s WHERE (%2$s) LIMIT :batch FOR UPDATE SKIP LOCKED))
            """;

    private final DataSource dataSource;
    private final List<RetentionRule> rules;
    private final RetentionProperties properties;
    private final Map<String, Counter> deleted;

    public RetentionSweep(DataSource dataSource, List<RetentionRule> rules, RetentionProperties properties,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.rules = List.copyOf(checked(rules));
        this.properties = properties;
        // registered up front, so a dashboard shows 0 rather than nothing before the first sweep
        this.deleted = this.rules.stream().collect(Collectors.toMap(RetentionRule::name,
                rule -> Counter.builder(DELETED)
                        .description("rows deleted by the retention sweep")
                        .tag("rule", rule.name())
                        .register(meters),
                (a, b) -> a, LinkedHashMap::new));
        properties.periods().keySet().stream()
                .filter(name -> this.rules.stream().noneMatch(rule -> RetentionProperties.key(rule.name())
                        .equals(RetentionProperties.key(name))))
                .forEach(name -> log.atWarn()
                        .addKeyValue("setting", "bazaar.retention.periods." + name)
                        .addKeyValue("rules", this.rules.stream().map(RetentionRule::name).toList())
                        .log("retention period set for a rule this service does not have"));
    }

    public List<RetentionRule> rules() {
        return rules;
    }

    /**
     * One round over every rule, unless another instance is sweeping. Safe to call from
     * several threads or instances at once; stops between batches when its thread is
     * interrupted (shutdown).
     */
    public RetentionRound sweep() {
        try (Connection connection = dataSource.getConnection()) {
            // the lock belongs to this session, so every statement of the round uses it
            connection.setAutoCommit(true);
            JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            boolean locked = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_lock(:key)")
                    .param("key", LOCK_KEY).query(Boolean.class).single());
            if (!locked) {
                log.atDebug().log("retention sweep skipped: another instance is sweeping");
                return RetentionRound.skipped();
            }
            try {
                Map<String, Long> counts = new LinkedHashMap<>();
                for (RetentionRule rule : rules) {
                    if (Thread.currentThread().isInterrupted()) {
                        break;
                    }
                    counts.put(rule.name(), sweep(jdbc, rule));
                }
                return new RetentionRound(true, counts);
            } finally {
                unlock(jdbc, connection);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("retention sweep could not get a connection", e);
        }
    }

    private static void unlock(JdbcClient jdbc, Connection connection) throws SQLException {
        try {
            jdbc.sql("SELECT pg_advisory_unlock(:key)").param("key", LOCK_KEY).query(Boolean.class).single();
        } catch (RuntimeException e) {
            // back in the pool still holding the lock, this session would make every instance
            // skip every round: end the session instead
            log.atWarn().addKeyValue("error", e.getMessage()).log("retention lock release failed; closing its connection");
            connection.abort(Runnable::run);
        }
    }

    private long sweep(JdbcClient jdbc, RetentionRule rule) {
        Duration period = properties.period(rule);
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(period);
        String sql = DELETE_BATCH.formatted(rule.table(), rule.olderThan());
        long total = 0;
        int batch;
        do {
            batch = jdbc.sql(sql).param("before", before).param("batch", properties.batchSize()).update();
            total += batch;
            // counted per batch, so rows deleted before a failure are counted too
            deleted.get(rule.name()).increment(batch);
        } while (batch == properties.batchSize() && !Thread.currentThread().isInterrupted());
        log.atInfo()
                .addKeyValue("rule", rule.name())
                .addKeyValue("table", rule.table())
                .addKeyValue("period", period)
                .addKeyValue("deleted", total)
                .log("retention swept");
        return total;
    }

    private static List<RetentionRule> checked(List<RetentionRule> rules) {
        Map<String, RetentionRule> byName = new HashMap<>();
        for (RetentionRule rule : rules) {
            if (!NAME.matcher(rule.name()).matches()) {
                throw new IllegalStateException("retention rule name must be lower-case words joined by dashes: "
                        + rule.name());
            }
            if (!TABLE.matcher(rule.table()).matches()) {
                throw new IllegalStateException("retention rule " + rule.name()
                        + " must name a plain lower-case table, not: " + rule.table());
            }
            RetentionRule other = byName.putIfAbsent(RetentionProperties.key(rule.name()), rule);
            if (other != null) {
                // one setting and one counter tag would stand for both
                throw new IllegalStateException("two retention rules named " + rule.name() + ": on "
                        + other.table() + " and on " + rule.table());
            }
        }
        return rules;
    }
}
