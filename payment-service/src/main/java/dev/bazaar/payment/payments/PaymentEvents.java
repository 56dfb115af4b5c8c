package dev.bazaar.payment.payments;

import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/**
 * Payloads of payment.payment.*; the aggregate id is the payment id, the version counts
 * the payment's changes. order-service settles the order on them; a change that breaks
 * it gets a new event type.
 *
 * <p>Per order: succeeded or failed once, then refunded once if the order is cancelled
 * after its capture. An order whose cancellation arrived before its placement is never
 * charged and publishes nothing (its payment stays CANCELLED): the order is cancelled
 * already. The one exception is money found taken after all (an earlier delivery charged
 * and crashed before committing): then succeeded and refunded follow each other, so
 * consumers must expect succeeded for an order they have cancelled, as they must anyway
 * when a slow charge finishes after a cancellation.
 */
public final class PaymentEvents {

    public static final String SUCCEEDED = "payment.payment.succeeded";
    public static final String FAILED = "payment.payment.failed";
    public static final String REFUNDED = "payment.payment.refunded";

    private PaymentEvents() {
    }

    public record Succeeded(UUID paymentId, UUID orderId, UUID customerId, Money amount) {
    }

    /** {@code reason}: card_declined, insufficient_funds, invalid_payment_method. */
    public record Failed(UUID paymentId, UUID orderId, UUID customerId, String reason) {
    }

    public record Refunded(UUID paymentId, UUID orderId, UUID customerId, Money amount) {
    }
}
