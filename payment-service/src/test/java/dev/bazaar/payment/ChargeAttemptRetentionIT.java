package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.messaging.retention.RetentionSweep;

/**
 * Charge attempts are kept only while a payment may still need them: until the order's
 * payment has settled, a redelivered placement asks them whether money may have moved.
 * Attempts in every state, against the rule's condition and through libs/messaging's sweep.
 */
class ChargeAttemptRetentionIT extends PaymentIntegrationTest {

    private static final Duration LONG_AGO = Duration.ofDays(40);
    private static final Duration LATELY = Duration.ofDays(10);

    @Autowired
    ObjectProvider<RetentionRule> rules;

    @Autowired
    RetentionSweep sweep;

    private RetentionRule chargeAttempts() {
        return rules.stream().filter(r -> r.name().equals("charge-attempts")).findFirst()
                .orElseThrow(() -> new AssertionError("payment declares no retention rule charge-attempts"));
    }

    private UUID attemptedAgo(Duration age) {
        UUID orderId = UUID.randomUUID();
        jdbc.sql("insert into charge_attempts (order_id, attempted_at) values (?, ?)")
                .params(orderId, Timestamp.from(Instant.now().minus(age))).update();
        return orderId;
    }

    private UUID paymentOfAttempt(Duration age, String status, Long amount) {
        UUID orderId = attemptedAgo(age);
        jdbc.sql("""
                insert into payments (id, order_id, customer_id, amount, currency, status, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), orderId, UUID.randomUUID(), amount, amount == null ? null : "EUR", status,
                        Timestamp.from(Instant.now().minus(age))).update();
        return orderId;
    }

    /** The attempts among {@code orderIds} that the sweep would delete today. */
    private List<UUID> deletable(RetentionRule rule, List<UUID> orderIds) {
        return jdbc.sql("select order_id from " + rule.table() + " where (" + rule.olderThan()
                        + ") and order_id in (:orderIds)")
                .param("before", Timestamp.from(Instant.now().minus(rule.defaultPeriod())))
                .param("orderIds", orderIds)
                .query(UUID.class).list();
    }

    private long attemptsOf(UUID orderId) {
        return jdbc.sql("select count(*) from charge_attempts where order_id = ?").param(orderId)
                .query(Long.class).single();
    }

    @Test
    void theSweepDeletesOldAttemptsOfSettledPaymentsOnly() {
        UUID captured = paymentOfAttempt(LONG_AGO, "CAPTURED", 4999L);
        UUID cancelledThenPlaced = paymentOfAttempt(LONG_AGO, "CANCELLED", 4999L);
        UUID capturedLately = paymentOfAttempt(LATELY, "CAPTURED", 4999L);
        UUID cancelledAwaitingPlacement = paymentOfAttempt(LONG_AGO, "CANCELLED", null);
        UUID crashedWithoutPayment = attemptedAgo(LONG_AGO);

        // the scheduled round of this instance may hold the sweep's lock; the next call then sweeps
        await().atMost(Duration.ofSeconds(10)).until(() -> sweep.sweep().swept());

        assertThat(attemptsOf(captured)).isZero();
        assertThat(attemptsOf(cancelledThenPlaced)).isZero();
        assertThat(attemptsOf(capturedLately)).isOne();
        assertThat(attemptsOf(cancelledAwaitingPlacement)).isOne();
        assertThat(attemptsOf(crashedWithoutPayment)).isOne();
        assertThat(paymentRowsOf(captured)).isOne();
    }

    @Test
    void keepsChargeAttemptsForThirtyDaysAfterTheirPaymentSettled() {
        RetentionRule rule = chargeAttempts();
        UUID captured = paymentOfAttempt(LONG_AGO, "CAPTURED", 4999L);
        UUID failed = paymentOfAttempt(LONG_AGO, "FAILED", 4999L);
        UUID refunded = paymentOfAttempt(LONG_AGO, "REFUNDED", 4999L);
        UUID cancelledThenPlaced = paymentOfAttempt(LONG_AGO, "CANCELLED", 4999L);
        UUID capturedLately = paymentOfAttempt(LATELY, "CAPTURED", 4999L);
        // a delivery charged and crashed, then the cancellation came: the placement's redelivery needs the attempt
        UUID cancelledAwaitingPlacement = paymentOfAttempt(LONG_AGO, "CANCELLED", null);
        // a delivery charged and crashed, and nothing else has come for the order yet
        UUID crashedWithoutPayment = attemptedAgo(LONG_AGO);

        List<UUID> deletable = deletable(rule, List.of(captured, failed, refunded, cancelledThenPlaced, capturedLately,
                cancelledAwaitingPlacement, crashedWithoutPayment));

        assertThat(rule.table()).isEqualTo("charge_attempts");
        assertThat(rule.defaultPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(deletable).containsExactlyInAnyOrder(captured, failed, refunded, cancelledThenPlaced);
    }
}
