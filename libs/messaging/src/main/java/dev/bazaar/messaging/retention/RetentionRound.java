package dev.bazaar.messaging.retention;

import java.util.Map;

/**
 * What one sweep did.
 *
 * @param swept   false when another instance held the sweep lock, so this one did nothing
 * @param deleted rows deleted per rule name
 */
public record RetentionRound(boolean swept, Map<String, Long> deleted) {

    public RetentionRound {
        deleted = Map.copyOf(deleted);
    }

    static RetentionRound skipped() {
        return new RetentionRound(false, Map.of());
    }
}
