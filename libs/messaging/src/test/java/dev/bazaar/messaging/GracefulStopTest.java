package dev.bazaar.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.rabbitmq.client.AMQP;
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

/** A service told to stop (SIGTERM) while a consumer is in the middle of a message. */
class GracefulStopTest {

    private static final String SENT = "test.parcel.sent";
    private static final EventTopology TOPOLOGY = new EventTopology(List.of(EventType.of(SENT, "receiver", "receiver")));

    @Test
    void finishesTheMessageInHandAndTakesNoOtherWhileStopping() throws Exception {
        TestRabbit.Isolation isolation = TestRabbit.isolation();
        String queue = isolation.queuePrefix() + "receiver." + SENT;
        ParcelHandler handler = new ParcelHandler(SENT).holding();
        RunningService service = RunningService.start("receiver", isolation, TOPOLOGY, handler);
        try (Connection connection = RawBroker.connect(); Channel channel = connection.createChannel()) {
            UUID inHand = service.append(SENT, "parcel-4", 1, new WidgetChanged("in hand"));
            await().until(() -> handler.inHand() == 1);

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(service::close);

            // the idle consumer is cancelled at once; a quorum queue counts the busy one until its ack
            await().until(() -> channel.queueDeclarePassive(queue).getConsumerCount() < 2);
            EventEnvelope later = EventEnvelope.of(SENT, "parcel-5", 1, new WidgetChanged("arrives while stopping"));
            channel.basicPublish(isolation.exchange(), SENT, new AMQP.BasicProperties.Builder()
                    .contentType("application/json").build(), later.toJson().getBytes(StandardCharsets.UTF_8));
            // longer than Spring AMQP's default shutdown timeout of 5 s
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() -> !stopped.isDone());
            handler.letGo();

            stopped.get();
            assertThat(handler.handled()).containsExactly(inHand);
            assertThat(channel.queueDeclarePassive(queue).getMessageCount())
                    .as("the one in hand acked, the later one left in the queue").isEqualTo(1);
            assertThat(channel.basicGet(queue, true).getBody()).asString(StandardCharsets.UTF_8)
                    .contains(later.eventId().toString());
        } finally {
            handler.letGo();
            service.close();
        }
    }
}
