package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.messaging.EventEnvelope;
import dev.bazaar.messaging.EventHandler;
import dev.bazaar.messaging.UnusableEvent;
import dev.bazaar.messaging.inbox.Subscription;
import dev.bazaar.messaging.inbox.Subscriptions;

/**
 * A placement payment can never charge, whatever it retries: an amount beyond what
 * {@code Money} allows, a missing field, a currency that is none. It is unusable at once,
 * so it cannot block the placement queue with retries, and nothing is charged for it.
 */
class UnusablePlacementIT extends PaymentIntegrationTest {

    private static final String TOKEN = "tok_visa";

    @Autowired
    Subscriptions subscriptions;

    private Subscription placements() {
        return subscriptions.all().stream().filter(s -> s.routingKey().equals("order.order.placed")).findFirst()
                .orElseThrow();
    }

    /** The data of a placement with one of its parts spoiled. */
    private static String placement(String spoiled, UUID orderId) {
        String order = "\"orderId\": \"" + orderId + "\"";
        String customer = "\"customerId\": \"" + UUID.randomUUID() + "\"";
        String amount = "\"amount\": {\"amount\": 4999, \"currency\": \"EUR\"}";
        String token = "\"paymentToken\": \"" + TOKEN + "\"";
        return switch (spoiled) {
            case "amount-too-large" -> "{%s, %s, \"amount\": {\"amount\": 10000000001, \"currency\": \"EUR\"}, %s}"
                    .formatted(order, customer, token);
            case "amount-negative" -> "{%s, %s, \"amount\": {\"amount\": -1, \"currency\": \"EUR\"}, %s}"
                    .formatted(order, customer, token);
            case "amount-missing" -> "{%s, %s, %s}".formatted(order, customer, token);
            case "currency-bad" -> "{%s, %s, \"amount\": {\"amount\": 4999, \"currency\": \"euro\"}, %s}"
                    .formatted(order, customer, token);
            case "token-missing" -> "{%s, %s, %s}".formatted(order, customer, amount);
            case "customer-missing" -> "{%s, %s, %s}".formatted(order, amount, token);
            case "order-not-a-uuid" -> "{\"orderId\": \"order-1\", %s, %s, %s}".formatted(customer, amount, token);
            case "amount-not-a-number" -> "{%s, %s, \"amount\": {\"amount\": \"lots\", \"currency\": \"EUR\"}, %s}"
                    .formatted(order, customer, token);
            case "no-data" -> "null";
            default -> throw new IllegalArgumentException(spoiled);
        };
    }

    private static EventEnvelope envelope(UUID orderId, String data) {
        return EventEnvelope.fromJson("""
                {"eventId": "%s", "type": "order.order.placed", "occurredAt": "%s", "aggregateId": "%s",
                 "version": 1, "data": %s}""".formatted(UUID.randomUUID(), Instant.now(), orderId, data)
                .getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount-too-large", "amount-negative", "amount-missing", "currency-bad", "token-missing",
            "customer-missing", "order-not-a-uuid", "amount-not-a-number", "no-data"})
    void aPlacementThatFailsValidationIsUnusableAndChargesNothing(String spoiled) {
        UUID orderId = UUID.randomUUID();
        EventHandler handler = placements().handler();

        assertThatThrownBy(() -> handler.handle(envelope(orderId, placement(spoiled, orderId))))
                .isInstanceOf(UnusableEvent.class)
                .hasMessageContaining("order.order.placed")
                .hasMessageNotContaining(TOKEN);

        assertThat(paymentRowsOf(orderId)).isZero();
        assertThat(chargesAtProcessor(orderId)).isZero();
    }

    @Test
    void aPlacementTooLargeToChargeIsDeadLetteredAfterOneDelivery() {
        UUID orderId = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();

        publish("order.order.placed", eventId, orderId, 1, placement("amount-too-large", orderId));

        // retried, it would reach the dead-letter queue only after every delivery and its backoff (a minute)
        AtomicReference<Message> deadLetter = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Message message = rabbitTemplate.receive(placements().deadLetterQueue(), 200);
            if (message != null && eventId.toString().equals(message.getMessageProperties().getMessageId())) {
                deadLetter.set(message);
            }
            return deadLetter.get() != null;
        });
        Map<String, ?> death = deadLetter.get().getMessageProperties().getXDeathHeader().getFirst();
        assertThat(death.get("reason")).hasToString("rejected");
        assertThat(paymentRowsOf(orderId)).isZero();
        assertThat(chargesAtProcessor(orderId)).isZero();
    }
}
