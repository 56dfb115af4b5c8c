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

    /** One of the payloads above, as {@link Payment} emits it. */
    public sealed interface Event permits Succeeded, Failed, Refunded {
    }

    public record Succeeded(UUID paymentId, UUID orderId, UUID customerId, Money amount) implements Event {
    }

    /** {@code reason}: card_declined, insufficient_funds, invalid_payment_method. */
    public record Failed(UUID paymentId, UUID orderId, UUID customerId, String reason) implements Event {
    }

    public record Refunded(UUID paymentId, UUID orderId, UUID customerId, Money amount) implements Event {
    }

    /** The routing key an event is published under. */
    public static String typeOf(Event event) {
        return switch (event) {
            case Succeeded s -> SUCCEEDED;
            case Failed f -> FAILED;
            case Refunded r -> REFUNDED;
        };
    }
}
