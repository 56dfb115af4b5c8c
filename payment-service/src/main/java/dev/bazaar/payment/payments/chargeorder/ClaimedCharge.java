package dev.bazaar.payment.payments.chargeorder;

import java.time.Duration;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PendingCharges;

/** A pending charge one worker has claimed, with what the processor needs to make it. */
record ClaimedCharge(PendingCharges.Claim claim, UUID paymentId, Money amount) {

    UUID orderId() {
        return claim.orderId();
    }

    String idempotencyKey() {
        return Payment.chargeKey(claim.orderId());
    }

    /** How long a charge the processor gave no answer for waits: doubling with each claim, up to a minute. */
    Duration backoff() {
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(claim.claims() - 1, 6)));
    }
}
