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

    static Optional<Message> of(Order order, OrderEvent event) {
        UUID customerId = order.customer().id();
        return switch (event) {
            case OrderEvent.Placed p -> Optional.of(new Message(PLACED, new Placed(order.id(), customerId, p.total(),
                    p.paymentToken(), p.lines().stream().map(l -> new PlacedLine(l.productId(), l.quantity())).toList())));
            case OrderEvent.Confirmed c -> Optional.of(new Message(CONFIRMED,
                    new Confirmed(order.id(), customerId, c.paymentId())));
            case OrderEvent.Cancelled c -> Optional.of(new Message(CANCELLED,
                    new Cancelled(order.id(), customerId, c.reason())));
            case OrderEvent.Refunded r -> Optional.empty();
        };
    }
}
