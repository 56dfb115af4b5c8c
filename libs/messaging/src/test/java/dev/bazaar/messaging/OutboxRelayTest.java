package dev.bazaar.messaging;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.bazaar.messaging.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import dev.bazaar.messaging.testapp.WidgetChanged;
import dev.bazaar.messaging.testapp.WidgetChangedHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class OutboxRelayTest extends MessagingIntegrationTest {

    @Autowired
    OutboxRelay relay;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restartRelay() {
        relay.start();
    }

    @Test
    void publishesEventCommittedWhileRelayWasDownAndAppliesItOnceThoughDeliveredTwice() {
        relay.stop();
        UUID eventId = appendCommitted(WidgetChangedHandler.ROUTING_KEY, "widget-1", 1, "while the relay was down");
        assertThat(isPublished(eventId)).isFalse();
        assertThat(meters.get("bazaar.outbox.backlog").gauge().value()).isEqualTo(1);
        assertThat(meters.get("bazaar.outbox.oldest.age").gauge().value()).isNotNaN().isNotNegative();

        relay.start();

        await().untilAsserted(() -> assertThat(applied.of(eventId)).hasSize(1));
        assertThat(isPublished(eventId)).isTrue();

        // the broker delivers the same event again (as after a relay crash between confirm and
        // commit), followed on the same channel by a marker that shows the duplicate was consumed
        EventEnvelope marker = EventEnvelope.of(WidgetChangedHandler.ROUTING_KEY, "widget-2", 1,
                new WidgetChanged("marker"));
        rabbit.invoke(operations -> {
            operations.send(properties.exchange(), WidgetChangedHandler.ROUTING_KEY, json(payloadOf(eventId)));
            operations.send(properties.exchange(), WidgetChangedHandler.ROUTING_KEY, json(marker.toJson()));
            return null;
        });

        await().untilAsserted(() -> assertThat(applied.of(marker.eventId())).hasSize(1));
        assertThat(applied.of(eventId)).hasSize(1);
    }

    @Test
    void holdsBackLaterVersionsWhileAnotherRelayIsPublishingTheOldest() throws SQLException {
        String tap = tap("test.gadget.*");
        relay.stop();
        UUID first = appendCommitted("test.gadget.moved", "gadget-1", 1, "moved");
        for (int version = 2; version <= 5; version++) {
            appendCommitted("test.gadget.moved", "gadget-1", version, "moved");
        }
        appendCommitted("test.gadget.moved", "gadget-2", 1, "moved");

        try (Connection otherRelay = dataSource.getConnection()) {
            // another instance has locked gadget-1's oldest event and not yet committed
            otherRelay.setAutoCommit(false);
            otherRelay.createStatement().execute("SELECT 1 FROM outbox WHERE event_id = '" + first + "' FOR UPDATE");

            relay.drain();

            assertThat(receive(tap, 1)).extracting(EventEnvelope::aggregateId).containsExactly("gadget-2");
            assertThat(admin.getQueueInfo(tap).getMessageCount()).as("nothing of gadget-1 overtook").isZero();
            otherRelay.rollback();
        }
        relay.drain();

        assertThat(receive(tap, 5)).extracting(EventEnvelope::version).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void publishesEachEventExactlyOnceWhenTwoRelaysDrainAtOnce() {
        String tap = tap("test.gizmo.*");
        relay.stop();
        List<UUID> appended = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> appendCommitted("test.gizmo.counted", "gizmo-" + i, 1, "counted"))
                .toList();

        int published = drainConcurrently();

        // confirmed means enqueued: everything the relays published is in the tap by now
        assertThat(published).isEqualTo(30);
        assertThat(admin.getQueueInfo(tap).getMessageCount()).isEqualTo(30);
        assertThat(receive(tap, 30)).extracting(EventEnvelope::eventId)
                .containsExactlyInAnyOrderElementsOf(appended);
    }

    @Test
    void refusesToAppendOutsideATransaction() {
        assertThatThrownBy(() -> outbox.append("test.gadget.moved", "gadget-3", 1, new WidgetChanged("no tx")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    /** Two relay passes racing for the same rows, as two instances of a service would. */
    private int drainConcurrently() {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> relays = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return relay.drain();
                }))
                .toList();
        return relays.stream().mapToInt(CompletableFuture::join).sum();
    }

    private static Message json(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .build();
    }
}
