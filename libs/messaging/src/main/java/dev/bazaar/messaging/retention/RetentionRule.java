package dev.bazaar.messaging.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * Rows of one table that may be deleted once they are older than a period. A service
 * declares one bean per kind of row it keeps; the retention sweep deletes them in batches.
 *
 * @param name          the rule's name in settings and metrics, e.g. {@code idempotency-keys};
 *                      {@code bazaar.retention.periods.<name>} overrides the period
 * @param table         the table the rows live in
 * @param olderThan     the condition a deletable row meets, with {@code :before} standing for
 *                      now minus the period, e.g. {@code completed_at < :before}
 * @param defaultPeriod how long a row is kept when no setting says otherwise
 */
public record RetentionRule(String name, String table, String olderThan, Duration defaultPeriod) {

    public RetentionRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(olderThan, "olderThan");
        Objects.requireNonNull(defaultPeriod, "defaultPeriod");
        if (!olderThan.contains(":before")) {
            throw new IllegalArgumentException("olderThan must use :before: " + olderThan);
        }
    }
}
