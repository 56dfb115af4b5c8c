package dev.bazaar.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.bazaar.messaging.inbox.InboxListener;
import dev.bazaar.messaging.testapp.WidgetChanged;
import dev.bazaar.messaging.testapp.WidgetHeldHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Several consumers per queue in one instance, as there are across instances. */
class CompetingConsumersTest extends MessagingIntegrationTest {

    private static final String CONSUMER = "itest." + WidgetHeldHandler.ROUTING_KEY;

    @Autowired
    WidgetHeldHandler handler;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void letGo() {
        handler.letGo();
    }

    @Test
    void aSlowEventDoesNotHoldUpTheNextOneOfItsQueue() {
        handler.hold();
        UUID slow = appendCommitted(WidgetHeldHandler.ROUTING_KEY, "widget-slow", 1, "hold");
        await().until(() -> handler.inHand() == 1);

        UUID quick = appendCommitted(WidgetHeldHandler.ROUTING_KEY, "widget-quick", 1, "quick");

        await().untilAsserted(() -> assertThat(applied.of(quick)).hasSize(1));
        assertThat(handler.inHand()).as("the slow one is still in hand").isEqualTo(1);
        assertThat(applied.of(slow)).as("not committed yet").isEmpty();
        handler.letGo();
        await().untilAsserted(() -> assertThat(applied.of(slow)).hasSize(1));
    }

    @Test
    void appliesAnEventDeliveredTwiceAtTheSameTimeOnce() {
        handler.hold();
        EventEnvelope event = EventEnvelope.of(WidgetHeldHandler.ROUTING_KEY, "widget-twice", 1,
                new WidgetChanged("hold"));
        double duplicatesBefore = duplicates();

        // as after a relay crash between confirm and commit, with the copies landing on two consumers
        rabbit.send(properties.exchange(), WidgetHeldHandler.ROUTING_KEY, json(event));
        rabbit.send(properties.exchange(), WidgetHeldHandler.ROUTING_KEY, json(event));

        // the first copy is applied and held open; the second waits on the first's inbox row
        await().until(() -> handler.inHand() == 1 && waitingForALock());
        assertThat(handler.deliveries(event.eventId())).isEqualTo(1);
        handler.letGo();

        await().untilAsserted(() -> assertThat(duplicates()).isEqualTo(duplicatesBefore + 1));
        assertThat(applied.of(event.eventId())).hasSize(1);
        assertThat(handler.deliveries(event.eventId())).isEqualTo(1);
        await().during(Duration.ofMillis(500)).until(() -> handler.deliveries(event.eventId()) == 1);
    }

    private boolean waitingForALock() {
        // a row lock wait is on the other transaction's id, a lock without a database: matched by session
        return jdbc.sql("""
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = current_database()
                """).query(Long.class).single() > 0;
    }

    private double duplicates() {
        return Search.in(meters).name(InboxListener.DUPLICATES).tag("consumer", CONSUMER).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static org.springframework.amqp.core.Message json(EventEnvelope event) {
        return MessageBuilder.withBody(event.toJson().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .build();
    }
}
