package dev.bazaar.messaging;

import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A broker that an earlier Bazaar set up: the events exchange without its alternate
 * exchange, a consumer's queue bound to it, and a queue declared with other arguments.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExchangeUpgradeTest {

    private static final String SENT = "test.parcel.sent";
    private static final String KEPT = "test.parcel.kept";
    private static final String NOTED = "test.parcel.noted";
    private static final EventTopology TOPOLOGY = new EventTopology(List.of(
            EventType.of(SENT, "receiver", "receiver"),
            EventType.of(KEPT, "receiver", "receiver"),
            EventType.of(NOTED, "receiver")));

    @Test
    void replacesAnEventsExchangeDeclaredWithoutTheAlternateExchangeAndKeepsEveryBinding(CapturedOutput output)
            throws Exception {
        TestRabbit.Isolation isolation = TestRabbit.isolation();
        String sentQueue = isolation.queuePrefix() + "receiver." + SENT;
        String keptQueue = isolation.queuePrefix() + "receiver." + KEPT;
        try (Connection connection = RawBroker.connect(); Channel channel = connection.createChannel()) {
            // as the earlier code declared them under test settings
            channel.exchangeDeclare(isolation.exchange(), "topic", true, true, null);
            channel.queueDeclare(sentQueue, true, false, false, Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", 2, "x-dead-letter-exchange", isolation.exchange() + ".dlx",
                    "x-dead-letter-routing-key", sentQueue + ".dlq", "x-expires", 300_000));
            channel.queueBind(sentQueue, isolation.exchange(), SENT);
            channel.queueDeclare(keptQueue, true, false, false, Map.of("x-queue-type", "quorum",
                    "x-delivery-limit", 99, "x-expires", 300_000));
            channel.queueBind(keptQueue, isolation.exchange(), KEPT);
        }

        ParcelHandler sent = new ParcelHandler(SENT);
        ParcelHandler kept = new ParcelHandler(KEPT);
        try (RunningService service = RunningService.start("receiver", isolation, TOPOLOGY, sent, kept)) {
            assertThat(output).contains("events exchange differs from the topology")
                    .contains("queue exists with other arguments");

            UUID noted = service.append(NOTED, "parcel-2", 1, new WidgetChanged("noted"));
            UUID sentId = service.append(SENT, "parcel-2", 2, new WidgetChanged("sent"));
            UUID keptId = service.append(KEPT, "parcel-3", 1, new WidgetChanged("kept"));

            await().untilAsserted(() -> assertThat(sent.handled()).containsExactly(sentId));
            await().untilAsserted(() -> assertThat(kept.handled()).containsExactly(keptId));
            assertThat(service.isPublished(noted)).isTrue();
            try (Connection connection = RawBroker.connect(); Channel channel = connection.createChannel()) {
                assertThat(channel.queueDeclarePassive(isolation.queuePrefix() + "bazaar.unrouted").getMessageCount())
                        .as("the unconsumed type reached the alternate exchange's queue").isEqualTo(1);
            }
        }
    }
}
