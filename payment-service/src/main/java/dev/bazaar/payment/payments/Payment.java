package dev.bazaar.payment.payments;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/**
 * The one payment of an order. {@code amount} is empty only while the cancellation of an
 * order is known and its placement is not yet.
 */
public record Payment(
        UUID id,
        UUID orderId,
        UUID customerId,
        Money amount,
        PaymentStatus status,
        String failureReason,
        String providerReference,
        String refundReference,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** Why a payment is CANCELLED, as shown to its owner. */
    public static final String ORDER_CANCELLED = "order_cancelled";

    /**
     * The idempotency key of an order's charge. Derived from the order, not the event, so
     * every delivery of the placement, whatever its event id, asks the processor for the
     * same charge and gets the first answer.
     */
    public static String chargeKey(UUID orderId) {
        return "order-" + orderId + "-charge";
    }

    /** The idempotency key of an order's refund: an order is refunded at most once. */
    public static String refundKey(UUID orderId) {
        return "order-" + orderId + "-refund";
    }
}
