package dev.bazaar.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import dev.bazaar.messaging.deadletter.DeadLetterEndpoint.Redriven;
import dev.bazaar.messaging.deadletter.DeadLetterQueue;
import dev.bazaar.messaging.deadletter.DeadLetters;
import dev.bazaar.messaging.testapp.WidgetChangedHandler;
import dev.bazaar.messaging.testapp.WidgetRepairedHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLettersTest extends MessagingIntegrationTest {

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    WidgetRepairedHandler repairedHandler;

    @Autowired
    MeterRegistry meters;

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.create("http://localhost:" + port + "/api/" + properties.service() + "/admin/dead-letters");
    }

    @Test
    void deadLettersAfterMaxDeliveriesAndAppliesOnceWhenRedrivenAfterTheFix() {
        String queue = properties.queue(WidgetRepairedHandler.ROUTING_KEY);
        UUID eventId = appendCommitted(WidgetRepairedHandler.ROUTING_KEY, "widget-9", 1, "needs the fix");

        await().untilAsserted(() -> assertThat(deadLetters.depth(queue + ".dlq")).isEqualTo(1));
        assertThat(repairedHandler.deliveries()).isEqualTo(properties.maxDeliveries());
        assertThat(applied.of(eventId)).as("every failed attempt rolled back").isEmpty();
        assertThat(meters.get("bazaar.dlq.depth").tag("queue", queue + ".dlq").gauge().value()).isEqualTo(1);
        assertThat(http.get().retrieve().body(new ParameterizedTypeReference<List<DeadLetterQueue>>() { }))
                .contains(new DeadLetterQueue(queue, queue + ".dlq", 1));

        repairedHandler.repair();
        Redriven redriven = http.post().uri("/{queue}/redrive", queue).retrieve().body(Redriven.class);

        assertThat(redriven).isEqualTo(new Redriven(queue, 1));
        await().untilAsserted(() -> assertThat(applied.of(eventId)).hasSize(1));
        assertThat(deadLetters.depth(queue + ".dlq")).isZero();
    }

    @Test
    void sendsMalformedMessageStraightToDeadLetterQueue() {
        String deadLetterQueue = properties.queue(WidgetChangedHandler.ROUTING_KEY) + ".dlq";

        rabbit.send(properties.exchange(), WidgetChangedHandler.ROUTING_KEY,
                new Message("{\"not\":\"an envelope\"}".getBytes(StandardCharsets.UTF_8)));

        await().untilAsserted(() -> assertThat(deadLetters.depth(deadLetterQueue)).isEqualTo(1));
    }

    @Test
    void refusesARedriveLimitBelowOne() {
        String deadLetterQueue = properties.queue(WidgetChangedHandler.ROUTING_KEY) + ".dlq";
        for (String limit : new String[] {"0", "-5"}) {
            HttpStatusCode status = http.post().uri("/{queue}/redrive?limit={limit}", deadLetterQueue, limit)
                    .exchange((request, response) -> response.getStatusCode());

            assertThat(status.value()).as("limit=" + limit).isEqualTo(400);
        }
    }

    @Test
    void answersNotFoundForRedriveOfAnotherServicesQueue() {
        HttpStatusCode status = http.post().uri("/{queue}/redrive", "payment.order.order.placed")
                .exchange((request, response) -> response.getStatusCode());

        assertThat(status.value()).isEqualTo(404);
    }
}
