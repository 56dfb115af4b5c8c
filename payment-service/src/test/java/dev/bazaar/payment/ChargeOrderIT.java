package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.messaging.inbox.Subscription;
import dev.bazaar.messaging.inbox.Subscriptions;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentStatus;
import dev.bazaar.testsupport.BrokerEvents;
import io.restassured.path.json.JsonPath;

/** Step 2 of the checkout saga: a placed order is charged once, whatever the broker delivers. */
class ChargeOrderIT extends PaymentIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    @Autowired
    Subscriptions subscriptions;

    @Test
    void chargesOnceThoughThePlacementIsDeliveredAgainAndUnderANewEventId() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        UUID eventId = UUID.randomUUID();
        try (BrokerEvents events = paymentEvents()) {
            publishPlaced(eventId, order);
            publishPlaced(eventId, order);
            publishPlaced(eventId, order);
            publishPlaced(UUID.randomUUID(), order);

            await().atMost(SETTLE).until(() -> typesAbout(events, order.orderId()).contains("payment.payment.succeeded"));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(typesAbout(events, order.orderId())).containsExactly("payment.payment.succeeded"));

            Payment payment = paymentOf(order.orderId()).orElseThrow();
            assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
            assertThat(payment.amount().amount()).isEqualTo(4999);
            assertThat(paymentRowsOf(order.orderId())).isEqualTo(1);
            assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);

            JsonPath succeeded = eventsAbout(events, order.orderId()).getFirst();
            assertThat(succeeded.getString("aggregateId")).isEqualTo(payment.id().toString());
            assertThat(succeeded.getString("data.paymentId")).isEqualTo(payment.id().toString());
            assertThat(succeeded.getString("data.customerId")).isEqualTo(order.customerId().toString());
            assertThat(succeeded.getLong("data.amount.amount")).isEqualTo(4999);
            assertThat(succeeded.getString("data.amount.currency")).isEqualTo("EUR");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "tok_chargeDeclined, card_declined",
            "tok_insufficientFunds, insufficient_funds",
            "tok_stolenFromSomewhere, invalid_payment_method"})
    void declinedCardFailsThePaymentWithTheProcessorsReason(String token, String reason) {
        PlacedOrder order = PlacedOrder.paidWith(token);
        try (BrokerEvents events = paymentEvents()) {
            publishPlaced(UUID.randomUUID(), order);

            await().atMost(SETTLE).until(() -> !eventsAbout(events, order.orderId()).isEmpty());
            JsonPath failed = eventsAbout(events, order.orderId()).getFirst();
            assertThat(failed.getString("type")).isEqualTo("payment.payment.failed");
            assertThat(failed.getString("data.reason")).isEqualTo(reason);
            assertThat(failed.getString("data.customerId")).isEqualTo(order.customerId().toString());

            Payment payment = paymentOf(order.orderId()).orElseThrow();
            assertThat(payment.status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(payment.failureReason()).isEqualTo(reason);
            assertThat(failed.getString("aggregateId")).isEqualTo(payment.id().toString());
        }
    }

    @Test
    void retryAfterACrashMidChargeGetsTheFirstAnswerInsteadOfASecondCharge() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        String capturedBeforeTheCrash = capturedBeforeACrash(order);

        publishPlaced(UUID.randomUUID(), order);

        await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED)));
        assertThat(paymentOf(order.orderId()).orElseThrow().providerReference()).isEqualTo(capturedBeforeTheCrash);
        assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
    }

    @Test
    void listensToPlacedAndCancelledOrdersOnly() {
        assertThat(subscriptions.all()).extracting(Subscription::routingKey)
                .containsExactlyInAnyOrder("order.order.placed", "order.order.cancelled");
        assertThat(subscriptions.all()).extracting(Subscription::queue)
                .containsExactlyInAnyOrder(rabbit.queuePrefix() + "payment.order.order.placed",
                        rabbit.queuePrefix() + "payment.order.order.cancelled");
    }
}
