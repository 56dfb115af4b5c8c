package dev.bazaar.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** What happened to an order: the stream these make up is the order. */
public sealed interface OrderEvent {

    Instant occurredAt();

    /**
     * @param maskedPaymentToken what is kept of the shopper's payment token: its last characters only
     *                           ({@link Order#masked}); the token itself goes to payment-service alone
     */
    record Placed(UUID orderId, CustomerSnapshot customer, List<OrderLine> lines, Money total,
            ShippingAddress shippingAddress, String maskedPaymentToken, Instant occurredAt) implements OrderEvent {
    }

    record Confirmed(UUID paymentId, Instant occurredAt) implements OrderEvent {
    }

    record Cancelled(CancelReason reason, String detail, Instant occurredAt) implements OrderEvent {
    }

    /** The money of a cancelled order went back to the shopper. */
    record Refunded(UUID paymentId, Money amount, Instant occurredAt) implements OrderEvent {
    }

    static String typeOf(OrderEvent event) {
        return switch (event) {
            case Placed p -> "Placed";
            case Confirmed c -> "Confirmed";
            case Cancelled c -> "Cancelled";
            case Refunded r -> "Refunded";
        };
    }

    static Class<? extends OrderEvent> classOf(String type) {
        return switch (type) {
            case "Placed" -> Placed.class;
            case "Confirmed" -> Confirmed.class;
            case "Cancelled" -> Cancelled.class;
            case "Refunded" -> Refunded.class;
            default -> throw new IllegalArgumentException("unknown order event type " + type);
        };
    }
}
