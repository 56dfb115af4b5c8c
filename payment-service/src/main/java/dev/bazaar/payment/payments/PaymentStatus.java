package dev.bazaar.payment.payments;

/**
 * Where a payment stands. PENDING while its charge waits for the processor or is at it;
 * then CAPTURED or FAILED, and REFUNDED when a paid order is cancelled. CANCELLED means the
 * cancellation came before the charge's outcome: nothing is charged, or what a charge at the
 * processor took is refunded (then REFUNDED).
 */
public enum PaymentStatus {
    PENDING, CAPTURED, FAILED, REFUNDED, CANCELLED
}
