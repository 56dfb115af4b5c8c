package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.payment.payments.PaymentStatus;
import dev.bazaar.testsupport.BrokerEvents;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A worker that dies between the processor's answer and recording it leaves its charge
 * leased. Once the lease runs out, another worker asks the processor by the charge's key
 * and records the first answer: the card is charged once.
 */
class ChargeRecoveryIT extends PaymentIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    @Autowired
    MeterRegistry meters;

    /** The placement was handled and the charge claimed by an instance that is gone now. */
    private void claimedByAnInstanceThatDied(PlacedOrder order, String leaseEnds) {
        jdbc.sql("""
                insert into payments (id, order_id, customer_id, amount, currency, status)
                values (?, ?, ?, ?, 'EUR', 'PENDING')""")
                .params(UUID.randomUUID(), order.orderId(), order.customerId(), order.amount()).update();
        jdbc.sql("""
                insert into pending_charges (order_id, payment_token, available_at, claims, claimed_by)
                values (?, ?, now() + cast(? as interval), 1, 'payment-gone')""")
                .params(order.orderId(), order.token(), leaseEnds).update();
    }

    private double succeeded() {
        return meters.get("bazaar.payment.charges").tag("outcome", "succeeded").counter().count();
    }

    @Test
    void aChargeLeftByAWorkerThatDiedAfterTheProcessorAnsweredIsLookedUpNotMadeAgain() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        String capturedBeforeTheCrash = capturedBeforeACrash(order);
        double succeededBefore = succeeded();
        try (BrokerEvents events = paymentEvents()) {
            claimedByAnInstanceThatDied(order, "-1 second");

            await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                    .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED)));

            assertThat(paymentOf(order.orderId()).orElseThrow().providerReference()).isEqualTo(capturedBeforeTheCrash);
            assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
            assertThat(pendingChargesOf(order.orderId())).isZero();
            await().atMost(SETTLE).untilAsserted(() -> assertThat(typesAbout(events, order.orderId()))
                    .containsExactly("payment.payment.succeeded"));
            assertThat(succeeded()).isGreaterThanOrEqualTo(succeededBefore + 1);
        }
    }

    @Test
    void aChargeStillLeasedByAnotherInstanceIsLeftToIt() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        claimedByAnInstanceThatDied(order, "1 hour");

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(paymentOf(order.orderId()).orElseThrow().status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(chargesAtProcessor(order.orderId())).isZero();
        });
    }

    @Test
    void aPlacementDeliveredAgainWhileItsChargeIsQueuedQueuesNothingMore() {
        PlacedOrder order = PlacedOrder.paidWith("tok_slow");
        UUID eventId = UUID.randomUUID();

        publishPlaced(eventId, order);
        publishPlaced(UUID.randomUUID(), order);
        publishPlaced(eventId, order);

        await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED)));
        assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from charge_attempts where order_id = ?").param(order.orderId())
                .query(Long.class).single()).isEqualTo(1);
    }
}
