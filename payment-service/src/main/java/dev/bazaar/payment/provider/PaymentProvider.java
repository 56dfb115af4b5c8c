package dev.bazaar.payment.provider;

import dev.bazaar.defaults.money.Money;

/**
 * The card processor that moves the money. Implementations are chosen by
 * {@code bazaar.payment.provider}; only {@code simulated} exists today, a real processor
 * is one more implementation.
 *
 * <p>Both calls are idempotent by key, as real processors are: a repeated call with the same
 * key returns the first call's result and moves no money again. That is what lets a
 * caller whose transaction failed after the call simply retry. When the outcome is unknown
 * (timeout, processor down) an implementation throws, and the caller retries with the
 * same key.
 */
public interface PaymentProvider {

    ChargeResult charge(String idempotencyKey, Money amount, String paymentToken);

    Refunded refund(String idempotencyKey, String providerReference, Money amount);

    sealed interface ChargeResult permits Captured, Declined {
    }

    /** The money is taken; the reference names the charge at the processor (for refunds and support). */
    record Captured(String providerReference) implements ChargeResult {
    }

    /** Nothing was taken; {@code reason} is a stable code: card_declined, insufficient_funds, invalid_payment_method. */
    record Declined(String reason) implements ChargeResult {
    }

    record Refunded(String refundReference) {
    }
}
