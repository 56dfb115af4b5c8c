package dev.bazaar.messaging;

import java.time.Duration;
import java.util.UUID;

import dev.bazaar.messaging.deadletter.DeadLetters;
import dev.bazaar.messaging.outbox.OutboxRelay;
import dev.bazaar.messaging.testapp.MessagingTestApplication;
import dev.bazaar.messaging.testapp.WidgetChangedHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Events published mandatory against the whole declared topology. */
@ExtendWith(OutputCaptureExtension.class)
class EventTopologyTest extends MessagingIntegrationTest {

    @Autowired
    OutboxRelay relay;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void restartRelay() {
        relay.start();
    }

    @Test
    void anEventNoServiceConsumesGoesToTheUnroutedQueueWithoutHoldingBackItsAggregate() {
        long unroutedBefore = deadLetters.depth(properties.unroutedQueue());

        UUID noticed = appendCommitted(MessagingTestApplication.UNCONSUMED, "widget-n", 1, "noticed");
        UUID changed = appendCommitted(WidgetChangedHandler.ROUTING_KEY, "widget-n", 2, "changed after");

        await().untilAsserted(() -> assertThat(applied.of(changed)).hasSize(1));
        assertThat(isPublished(noticed)).isTrue();
        assertThat(deadLetters.depth(properties.unroutedQueue())).isEqualTo(unroutedBefore + 1);
        await().untilAsserted(() -> assertThat(meters.get("bazaar.unrouted.depth").gauge().value())
                .isEqualTo(unroutedBefore + 1));
        assertThat(meters.get(OutboxRelay.UNROUTED).tag("type", MessagingTestApplication.UNCONSUMED).counter().count())
                .isEqualTo(1);
        Message kept = rabbit.receive(properties.unroutedQueue(), 5_000);
        assertThat(kept).isNotNull();
        assertThat(EventEnvelope.fromJson(kept.getBody()).eventId()).isEqualTo(noticed);
    }

    @Test
    void anEventWhoseQueueIsMissingIsReturnedKeptAndPublishedOnceTheQueueIsBack(CapturedOutput output) {
        String queue = properties.queue(MessagingTestApplication.ELSEWHERE, MessagingTestApplication.CONSUMED_ELSEWHERE);
        relay.stop();
        admin.deleteQueue(queue);
        UUID shipped = appendCommitted(MessagingTestApplication.CONSUMED_ELSEWHERE, "widget-s", 1, "shipped");
        UUID changed = appendCommitted(WidgetChangedHandler.ROUTING_KEY, "widget-s", 2, "changed after");

        assertThat(relay.drain()).isZero();

        assertThat(isPublished(shipped)).as("returned, so not published").isFalse();
        assertThat(isPublished(changed)).as("held back behind it").isFalse();
        assertThat(jdbc.sql("SELECT last_error FROM outbox WHERE event_id = :id").param("id", shipped)
                .query(String.class).single()).contains("returned unroutable");
        assertThat(output).contains("event returned unroutable").contains(MessagingTestApplication.CONSUMED_ELSEWHERE);
        assertThat(Search.in(meters).name(OutboxRelay.RETURNED).tag("type", MessagingTestApplication.CONSUMED_ELSEWHERE)
                .counter().count()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(meters.get("bazaar.outbox.backlog").gauge().value()).isGreaterThanOrEqualTo(2));

        // the retry declares the topology again, which brings the queue back
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.drain() > 0);

        assertThat(isPublished(shipped)).isTrue();
        await().untilAsserted(() -> assertThat(applied.of(changed)).hasSize(1));
        assertThat(admin.getQueueInfo(queue)).isNotNull();
        assertThat(admin.getQueueInfo(queue).getMessageCount()).as("waiting for its consumer").isEqualTo(1);
        Message waiting = rabbit.receive(queue, 5_000);
        assertThat(EventEnvelope.fromJson(waiting.getBody()).eventId()).isEqualTo(shipped);
    }
}
