package dev.bazaar.messaging;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.bazaar.messaging.standalone.ParcelHandler;
import dev.bazaar.messaging.standalone.RawBroker;
import dev.bazaar.messaging.standalone.RunningService;
import dev.bazaar.messaging.testapp.WidgetChanged;
import dev.bazaar.messaging.topology.EventTopology;
import dev.bazaar.messaging.topology.EventTopology.EventType;
import dev.bazaar.testsupport.TestRabbit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A fresh broker, and a consumer's service that has never run when the event is published. */
class LateConsumerTest {

    private static final String SENT = "test.parcel.sent";
    private static final EventTopology TOPOLOGY = new EventTopology(List.of(EventType.of(SENT, "sender", "receiver")));

    @Test
    void deliversAnEventPublishedBeforeItsConsumerEverStartedExactlyOnce() throws Exception {
        TestRabbit.Isolation isolation = TestRabbit.isolation();
        String queue = isolation.queuePrefix() + "receiver." + SENT;
        UUID eventId;
        try (RunningService sender = RunningService.start("sender", isolation, TOPOLOGY)) {
            eventId = sender.append(SENT, "parcel-1", 1, new WidgetChanged("sent before the receiver ran"));
            await().until(() -> sender.isPublished(eventId));
        }
        try (Connection connection = RawBroker.connect(); Channel channel = connection.createChannel()) {
            assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("waiting in the receiver's queue")
                    .isEqualTo(1);
        }

        ParcelHandler handler = new ParcelHandler(SENT);
        try (RunningService receiver = RunningService.start("receiver", isolation, TOPOLOGY, handler)) {
            await().untilAsserted(() -> assertThat(handler.handled()).containsExactly(eventId));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> handler.handled().size() == 1);
            assertThat(receiver.applied()).containsExactly(eventId);
        }
    }
}
