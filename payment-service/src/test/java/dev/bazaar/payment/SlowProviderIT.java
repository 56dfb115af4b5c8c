package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bazaar.payment.payments.PaymentStatus;

/**
 * A slow card processor holds nothing but its own order: charges of other orders go on
 * while slow ones are at the processor, with the default configuration.
 */
class SlowProviderIT extends PaymentIntegrationTest {

    @Test
    void fastChargesSucceedWithinSecondsThoughTwentySlowOnesWerePlacedFirst() {
        List<PlacedOrder> slow = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PlacedOrder order = PlacedOrder.paidWith("tok_slow");
            slow.add(order);
            publishPlaced(UUID.randomUUID(), order);
        }
        List<PlacedOrder> fast = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PlacedOrder order = PlacedOrder.paidWith("tok_visa");
            fast.add(order);
            publishPlaced(UUID.randomUUID(), order);
        }

        // one after the other, the slow ones alone take 20 x 1.5 s before the first fast one is charged
        for (PlacedOrder order : fast) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                    .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED)));
        }
        for (PlacedOrder order : slow) {
            await().atMost(Duration.ofSeconds(45)).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                    .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED)));
            assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
        }
    }
}
