package dev.bazaar.payment.payments;

import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.messaging.retention.RetentionRule;

/**
 * Which orders were ever sent to the processor. Recorded in the transaction that claims the
 * charge, which commits before the processor is called: whoever comes later for the order
 * (its cancellation, a redelivered placement) knows that money may have moved.
 */
@Repository
public class ChargeAttempts {

    /**
     * Which attempts the retention sweep may delete. An attempt is read only by a placement
     * delivered to a payment that is not settled yet: none committed (a crash mid-charge) or
     * one cancelled before its placement's amount arrived; and while its charge is pending,
     * the cancellation of the order asks it. Once the payment is captured, failed, refunded,
     * or cancelled with its placement handled and no charge pending, nobody asks again.
     * Thirty days past the attempt leave support the time to follow a charge that was found
     * and refunded after a crash.
     */
    public static final RetentionRule RETENTION = new RetentionRule("charge-attempts", "charge_attempts", """
            attempted_at < :before and order_id in (
                select order_id from payments
                where status in ('CAPTURED', 'FAILED', 'REFUNDED') or (status = 'CANCELLED' and amount is not null))
            and order_id not in (select order_id from pending_charges)""",
            Duration.ofDays(30));

    private final JdbcClient jdbc;

    ChargeAttempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Part of the charge's claim: committed with it, before the call. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID orderId) {
        jdbc.sql("insert into charge_attempts (order_id) values (?) on conflict do nothing").param(orderId).update();
    }

    public boolean wasAttempted(UUID orderId) {
        return jdbc.sql("select exists (select 1 from charge_attempts where order_id = ?)").param(orderId)
                .query(Boolean.class).single();
    }
}
