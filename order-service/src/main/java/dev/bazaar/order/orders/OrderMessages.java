package dev.bazaar.order.orders;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** What other services hear about an order (payloads of order.order.*). */
public final class OrderMessages {

    public static final String PLACED = "order.order.placed";
    public static final String CONFIRMED = "order.order.confirmed";
    public static final String CANCELLED = "order.order.cancelled";

    private OrderMessages() {
    }

    public record Message(String type, Object data) {
    }

    public record PlacedLine(UUID productId, int quantity) {
    }

    public record Placed(UUID orderId, UUID customerId, Money amount, String paymentToken, List<PlacedLine> lines) {
    }

    public record Confirmed(UUID orderId, UUID customerId, UUID paymentId) {
    }

    public record Cancelled(UUID orderId, UUID customerId, CancelReason reason) {
    }

    /**
     * order.order.placed: the one message that carries the payment token, which payment-service
     * charges (the stored event keeps only its masked form).
     */
    static Message placed(Order order, OrderEvent.Placed p, String paymentToken) {
        return new Message(PLACED, new Placed(order.id(), order.customer().id(), p.total(), paymentToken,
                p.lines().stream().map(l -> new PlacedLine(l.productId(), l.quantity())).toList()));
    }

    /** What other services hear of an order's later events; a placement is announced by {@link #placed}. */
    static Optional<Message> of(Order order, OrderEvent event) {
        UUID customerId = order.customer().id();
        return switch (event) {
            case OrderEvent.Placed p -> throw new IllegalArgumentException("a placement is announced with its token: placed(...)");
            case OrderEvent.Confirmed c -> Optional.of(new Message(CONFIRMED,
                    new Confirmed(order.id(), customerId, c.paymentId())));
            case OrderEvent.Cancelled c -> Optional.of(new Message(CANCELLED,
                    new Cancelled(order.id(), customerId, c.reason())));
            case OrderEvent.Refunded r -> Optional.empty();
        };
    }
}
