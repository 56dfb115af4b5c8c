package dev.bazaar.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import dev.bazaar.messaging.retention.RetentionRound;
import dev.bazaar.messaging.retention.RetentionSweep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Old rows go, young and unpublished ones stay, and each deleted row is counted once
 * however many instances sweep. The context sweeps only when a test calls it.
 */
class RetentionTest extends MessagingIntegrationTest {

    @Autowired
    RetentionSweep sweep;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    private final List<UUID> outboxRows = new ArrayList<>();

    @AfterEach
    void removeRowsLeft() {
        // an unpublished row left behind would show in the outbox backlog other tests read
        outboxRows.forEach(id -> jdbc.sql("DELETE FROM outbox WHERE event_id = :id").param("id", id).update());
        jdbc.sql("DELETE FROM expiring_note").update();
        jdbc.sql("DELETE FROM inbox WHERE consumer = 'retention-test'").update();
    }

    @Test
    void deletesPublishedOutboxAndInboxRowsOlderThanSevenDaysAndKeepsTheRest() {
        UUID oldPublished = outboxRow("8 days", "8 days");
        UUID youngPublished = outboxRow("6 days", "6 days");
        UUID oldUnpublished = outboxRow("30 days", null);
        UUID oldInbox = inboxRow("8 days");
        UUID youngInbox = inboxRow("6 days");
        double outboxBefore = deleted("outbox");
        double inboxBefore = deleted("inbox");

        RetentionRound round = sweep.sweep();

        assertThat(round.swept()).isTrue();
        assertThat(outboxExists(oldPublished)).isFalse();
        assertThat(outboxExists(youngPublished)).isTrue();
        assertThat(outboxExists(oldUnpublished)).as("an unpublished event is never deleted").isTrue();
        assertThat(inboxExists(oldInbox)).isFalse();
        assertThat(inboxExists(youngInbox)).isTrue();
        assertThat(deleted("outbox") - outboxBefore).isEqualTo(1);
        assertThat(deleted("inbox") - inboxBefore).isEqualTo(1);
    }

    @Test
    void honoursTheServicesOwnRuleWithThePeriodFromSettings() {
        notes(3, "2 hours");
        notes(2, "10 minutes");
        double before = deleted("expiring-notes");

        RetentionRound round = sweep.sweep();

        // the rule's default is 30 days; bazaar.retention.periods.expiring-notes=1h applies
        assertThat(round.deleted()).containsEntry("expiring-notes", 3L);
        assertThat(notesLeft()).isEqualTo(2);
        assertThat(deleted("expiring-notes") - before).isEqualTo(3);
    }

    @Test
    void deletesEachRowOnceAndCountsItOnceWhenTwoInstancesSweepAtOnce() throws Exception {
        notes(2_500, "2 hours");
        double before = deleted("expiring-notes");
        CyclicBarrier start = new CyclicBarrier(2);

        List<CompletableFuture<RetentionRound>> rounds = List.of(racing(start), racing(start));

        long deletedByRounds = rounds.stream().map(CompletableFuture::join)
                .mapToLong(r -> r.deleted().getOrDefault("expiring-notes", 0L)).sum();
        assertThat(notesLeft()).isZero();
        assertThat(deletedByRounds).isEqualTo(2_500);
        assertThat(deleted("expiring-notes") - before).isEqualTo(2_500);
    }

    @Test
    void skipsTheRoundWhileAnotherInstanceIsSweeping() throws SQLException {
        notes(5, "2 hours");
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.createStatement().execute("SELECT pg_advisory_lock(" + RetentionSweep.LOCK_KEY + ")");

            RetentionRound skipped = sweep.sweep();

            assertThat(skipped.swept()).isFalse();
            assertThat(notesLeft()).isEqualTo(5);
            otherInstance.createStatement().execute("SELECT pg_advisory_unlock(" + RetentionSweep.LOCK_KEY + ")");
        }

        assertThat(sweep.sweep().deleted()).containsEntry("expiring-notes", 5L);
    }

    private CompletableFuture<RetentionRound> racing(CyclicBarrier start) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return sweep.sweep();
        });
    }

    private UUID outboxRow(String age, String publishedAgo) {
        UUID eventId = UUID.randomUUID();
        outboxRows.add(eventId);
        // next_attempt_at in the future keeps the running relay away from the unpublished row
        jdbc.sql("""
                INSERT INTO outbox (event_id, type, aggregate_id, version, payload, created_at, published_at,
                                    next_attempt_at)
                VALUES (:id, 'test.retention.kept', :aggregate, 1, '{}'::jsonb, now() - CAST(:age AS interval),
                        now() - CAST(:published AS interval), now() + interval '1 day')
                """)
                .param("id", eventId)
                .param("aggregate", "retention-" + eventId)
                .param("age", age)
                .param("published", publishedAgo)
                .update();
        return eventId;
    }

    private UUID inboxRow(String age) {
        UUID eventId = UUID.randomUUID();
        jdbc.sql("INSERT INTO inbox (consumer, event_id, received_at) VALUES ('retention-test', :id, now() - CAST(:age AS interval))")
                .param("id", eventId).param("age", age).update();
        return eventId;
    }

    private void notes(int count, String age) {
        jdbc.sql("INSERT INTO expiring_note (note, written_at) SELECT 'n' || i, now() - CAST(:age AS interval) FROM generate_series(1, :count) i")
                .param("age", age).param("count", count).update();
    }

    private long notesLeft() {
        return jdbc.sql("SELECT count(*) FROM expiring_note").query(Long.class).single();
    }

    private boolean outboxExists(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single() == 1;
    }

    private boolean inboxExists(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM inbox WHERE consumer = 'retention-test' AND event_id = :id")
                .param("id", eventId).query(Long.class).single() == 1;
    }

    private double deleted(String rule) {
        Counter counter = Search.in(meters).name("bazaar.retention.deleted").tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }
}
