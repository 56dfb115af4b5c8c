package dev.bazaar.payment.payments;

/**
 * Where a payment stands. PENDING exists only inside the transaction that charges, so
 * readers see the outcome: CAPTURED or FAILED, then REFUNDED when a paid order is
 * cancelled. CANCELLED means the cancellation came first and nothing is charged.
 */
public enum PaymentStatus {
    PENDING, CAPTURED, FAILED, REFUNDED, CANCELLED
}
