package dev.bazaar.messaging.retention;

import java.time.Duration;
import java.util.List;

/** The library's own rows: every service with messaging keeps them, so the library sweeps them. */
public final class OutboxAndInboxRetention {

    /**
     * Published events only: an unpublished row has a null {@code published_at}, which is never
     * older than anything, so the relay's work is never deleted.
     */
    public static final RetentionRule OUTBOX = new RetentionRule("outbox", "outbox", "published_at < :before",
            Duration.ofDays(7));

    /**
     * Events already applied. Their rows turn a redelivery into a skipped duplicate, so they
     * must outlive any copy of the event still waiting in a queue or dead-letter queue.
     */
    public static final RetentionRule INBOX = new RetentionRule("inbox", "inbox", "received_at < :before",
            Duration.ofDays(7));

    private OutboxAndInboxRetention() {
    }

    public static List<RetentionRule> rules() {
        return List.of(OUTBOX, INBOX);
    }
}
