package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentStatus;
import dev.bazaar.payment.payments.cancelpayment.CancelPayment;
import dev.bazaar.payment.payments.cancelpayment.CancelPaymentHandler;
import dev.bazaar.payment.payments.chargeorder.ChargeOrder;
import dev.bazaar.payment.payments.chargeorder.ChargeOrderHandler;
import dev.bazaar.testsupport.BrokerEvents;
import io.restassured.path.json.JsonPath;

/**
 * Step 5 and 6 of the checkout saga: a paid order that is cancelled is refunded once; a
 * cancellation that overtakes the placement means no charge at all; however the two
 * race, no money stays taken for a cancelled order.
 */
class CancelPaymentIT extends PaymentIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(15);

    @Autowired
    ChargeOrderHandler chargeOrder;

    @Autowired
    CancelPaymentHandler cancelPayment;

    private void awaitStatus(PlacedOrder order, PaymentStatus status) {
        await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(status)));
    }

    @Test
    void refundsACapturedPaymentOnceThoughTheCancellationIsDeliveredAgain() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        try (BrokerEvents events = paymentEvents()) {
            publishPlaced(UUID.randomUUID(), order);
            awaitStatus(order, PaymentStatus.CAPTURED);
            UUID cancellation = UUID.randomUUID();

            publishCancelled(cancellation, order);
            publishCancelled(cancellation, order);
            publishCancelled(UUID.randomUUID(), order);

            awaitStatus(order, PaymentStatus.REFUNDED);
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(typesAbout(events, order.orderId()))
                            .containsExactly("payment.payment.succeeded", "payment.payment.refunded"));
            assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
            assertThat(refundsAtProcessor(order.orderId())).isEqualTo(1);
            JsonPath refunded = eventsAbout(events, order.orderId()).getLast();
            Payment payment = paymentOf(order.orderId()).orElseThrow();
            assertThat(refunded.getString("aggregateId")).isEqualTo(payment.id().toString());
            assertThat(refunded.getString("data.paymentId")).isEqualTo(payment.id().toString());
            assertThat(refunded.getString("data.customerId")).isEqualTo(order.customerId().toString());
            assertThat(refunded.getLong("data.amount.amount")).isEqualTo(4999);
            assertThat(refunded.getString("data.amount.currency")).isEqualTo("EUR");
        }
    }

    @Test
    void cancellationBeforeThePlacementMeansNoChargeAtAll() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        try (BrokerEvents events = paymentEvents()) {
            publishCancelled(UUID.randomUUID(), order);
            awaitStatus(order, PaymentStatus.CANCELLED);

            publishPlaced(UUID.randomUUID(), order);

            await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()).orElseThrow().amount())
                    .isEqualTo(Money.of(4999, "EUR")));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(paymentOf(order.orderId()).orElseThrow().status()).isEqualTo(PaymentStatus.CANCELLED);
                assertThat(typesAbout(events, order.orderId())).isEmpty();
            });
            assertThat(chargesAtProcessor(order.orderId())).isZero();
            assertThat(paymentOf(order.orderId()).orElseThrow().failureReason()).isEqualTo("order_cancelled");
        }
    }

    @Test
    void cancellationDuringASlowChargeEndsRefundedNeverCapturedAndForgotten() {
        PlacedOrder order = PlacedOrder.paidWith("tok_slow");
        try (BrokerEvents events = paymentEvents()) {
            publishPlaced(UUID.randomUUID(), order);
            publishCancelled(UUID.randomUUID(), order);

            await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                    .hasValueSatisfying(p -> assertThat(p.status()).isIn(PaymentStatus.REFUNDED, PaymentStatus.CANCELLED)));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(paymentOf(order.orderId()).orElseThrow().status())
                            .isIn(PaymentStatus.REFUNDED, PaymentStatus.CANCELLED));
            assertThat(refundsAtProcessor(order.orderId())).isEqualTo(chargesAtProcessor(order.orderId()));
            if (paymentOf(order.orderId()).orElseThrow().status() == PaymentStatus.REFUNDED) {
                await().atMost(SETTLE).untilAsserted(() -> assertThat(typesAbout(events, order.orderId()))
                        .containsExactly("payment.payment.succeeded", "payment.payment.refunded"));
            }
        }
    }

    @Test
    void cancellationWhileTheChargeIsAtTheProcessorWaitsForItAndRefunds() {
        PlacedOrder order = PlacedOrder.paidWith("tok_slow");
        try (BrokerEvents events = paymentEvents()) {
            publishPlaced(UUID.randomUUID(), order);
            await().atMost(SETTLE).until(() -> jdbc.sql("select count(*) from charge_attempts where order_id = ?")
                    .param(order.orderId()).query(Long.class).single() == 1);

            publishCancelled(UUID.randomUUID(), order);

            awaitStatus(order, PaymentStatus.REFUNDED);
            assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
            assertThat(refundsAtProcessor(order.orderId())).isEqualTo(1);
            await().atMost(SETTLE).untilAsserted(() -> assertThat(typesAbout(events, order.orderId()))
                    .containsExactly("payment.payment.succeeded", "payment.payment.refunded"));
        }
    }

    @Test
    void cancellingAFailedPaymentRefundsNothing() {
        PlacedOrder order = PlacedOrder.paidWith("tok_chargeDeclined");
        try (BrokerEvents events = paymentEvents()) {
            publishPlaced(UUID.randomUUID(), order);
            awaitStatus(order, PaymentStatus.FAILED);

            publishCancelled(UUID.randomUUID(), order);

            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(typesAbout(events, order.orderId())).containsExactly("payment.payment.failed"));
            assertThat(paymentOf(order.orderId()).orElseThrow().status()).isEqualTo(PaymentStatus.FAILED);
            assertThat(refundsAtProcessor(order.orderId())).isZero();
        }
    }

    @Test
    void chargeOfACancelledOrderLeftByACrashIsRefundedWhenThePlacementIsRedelivered() {
        PlacedOrder order = PlacedOrder.paidWith("tok_visa");
        capturedBeforeACrash(order);
        try (BrokerEvents events = paymentEvents()) {
            publishCancelled(UUID.randomUUID(), order);
            awaitStatus(order, PaymentStatus.CANCELLED);

            publishPlaced(UUID.randomUUID(), order);

            awaitStatus(order, PaymentStatus.REFUNDED);
            assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
            assertThat(refundsAtProcessor(order.orderId())).isEqualTo(1);
            await().atMost(SETTLE).untilAsserted(() -> assertThat(typesAbout(events, order.orderId()))
                    .containsExactly("payment.payment.succeeded", "payment.payment.refunded"));
        }
    }

    @Test
    void placementAndCancellationRacingOnTwoThreadsNeverLeaveMoneyTaken() throws Exception {
        List<PlacedOrder> orders = new ArrayList<>();
        List<CompletableFuture<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 25; i++) {
                PlacedOrder order = PlacedOrder.paidWith("tok_visa");
                orders.add(order);
                CyclicBarrier start = new CyclicBarrier(2);
                running.add(CompletableFuture.runAsync(() -> {
                    startTogether(start);
                    chargeOrder.charge(new ChargeOrder(order.orderId(), order.customerId(),
                            Money.of(order.amount(), "EUR"), order.token()));
                }, threads));
                running.add(CompletableFuture.runAsync(() -> {
                    startTogether(start);
                    cancelPayment.cancel(new CancelPayment(order.orderId(), order.customerId(), "CUSTOMER_REQUEST"));
                }, threads));
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
            }
        }

        // a charge claimed before its cancellation settles when its worker records the answer
        for (PlacedOrder order : orders) {
            await().atMost(SETTLE).until(() -> pendingChargesOf(order.orderId()) == 0);
        }
        for (PlacedOrder order : orders) {
            Payment payment = paymentOf(order.orderId()).orElseThrow();
            assertThat(paymentRowsOf(order.orderId())).isEqualTo(1);
            if (payment.status() == PaymentStatus.REFUNDED) {
                assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
                assertThat(refundsAtProcessor(order.orderId())).isEqualTo(1);
            } else {
                assertThat(payment.status()).isEqualTo(PaymentStatus.CANCELLED);
                assertThat(chargesAtProcessor(order.orderId())).isZero();
            }
        }
    }

    private static void startTogether(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
