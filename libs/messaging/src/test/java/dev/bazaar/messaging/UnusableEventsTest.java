package dev.bazaar.messaging;

import java.util.Map;
import java.util.UUID;

import dev.bazaar.messaging.deadletter.DeadLetters;
import dev.bazaar.messaging.testapp.WidgetCheckedHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that can never be applied goes to the dead-letter queue on its first delivery,
 * so it does not hold its queue through the retries; one that fails for now still retries.
 * Tests of one queue run one after the other and read its dead-letter queue's growth.
 */
class UnusableEventsTest extends MessagingIntegrationTest {

    private static final String CONSUMER = "itest." + WidgetCheckedHandler.ROUTING_KEY;

    @Autowired
    WidgetCheckedHandler handler;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MeterRegistry meters;

    @Test
    void deadLettersAnUnusableEventOnItsFirstDeliveryWithoutRecordingIt() {
        assertDeadLetteredOnFirstDelivery(
                transaction.execute(status -> outbox.append(WidgetCheckedHandler.ROUTING_KEY, "widget-u", 1,
                        Map.of("note", "unusable"))),
                "unusable");
    }

    @Test
    void deadLettersAnEventThatFailsValidationOnItsFirstDelivery() {
        assertDeadLetteredOnFirstDelivery(
                transaction.execute(status -> outbox.append(WidgetCheckedHandler.ROUTING_KEY, "widget-v", 1,
                        Map.of("note", "invalid"))),
                "invalid");
    }

    @Test
    void deadLettersAnEventWhoseDataDoesNotMapOnItsFirstDelivery() {
        assertDeadLetteredOnFirstDelivery(
                transaction.execute(status -> outbox.append(WidgetCheckedHandler.ROUTING_KEY, "widget-d", 1,
                        Map.of("note", Map.of("colour", "red")))),
                "unusable");
    }

    @Test
    void retriesAFailureForNowBeforeDeadLettering() {
        String deadLetterQueue = properties.queue(WidgetCheckedHandler.ROUTING_KEY) + ".dlq";
        long before = deadLetters.depth(deadLetterQueue);

        UUID eventId = transaction.execute(status -> outbox.append(WidgetCheckedHandler.ROUTING_KEY, "widget-t", 1,
                Map.of("note", "transient")));

        await().untilAsserted(() -> assertThat(deadLetters.depth(deadLetterQueue)).isEqualTo(before + 1));
        assertThat(handler.deliveries(eventId)).isEqualTo(properties.maxDeliveries());
        assertThat(applied.of(eventId)).isEmpty();
    }

    private void assertDeadLetteredOnFirstDelivery(UUID eventId, String reason) {
        String deadLetterQueue = properties.queue(WidgetCheckedHandler.ROUTING_KEY) + ".dlq";
        long before = deadLetters.depth(deadLetterQueue);
        double rejectedBefore = rejected(reason);

        await().untilAsserted(() -> assertThat(deadLetters.depth(deadLetterQueue)).isEqualTo(before + 1));

        assertThat(handler.deliveries(eventId)).as("deliveries of %s", eventId).isEqualTo(1);
        assertThat(applied.of(eventId)).as("the effect rolled back").isEmpty();
        assertThat(inboxRows(eventId)).as("not recorded, so a redrive after a fix applies it").isZero();
        assertThat(rejected(reason) - rejectedBefore).isEqualTo(1);
    }

    private double rejected(String reason) {
        var counter = Search.in(meters).name("bazaar.inbox.rejected")
                .tag("consumer", CONSUMER).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private long inboxRows(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM inbox WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single();
    }
}
