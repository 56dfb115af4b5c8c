package dev.bazaar.order.orders.listorders;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.OrderStatus;
import dev.bazaar.order.orders.OrderStore;

public record OrderSummary(UUID id, UUID customerId, OrderStatus status, CancelReason cancelReason, Money total,
        int itemCount, Instant placedAt, Instant updatedAt) {

    static OrderSummary of(OrderStore.Listed order) {
        return new OrderSummary(order.id(), order.customerId(), order.status(), order.cancelReason(), order.total(),
                order.itemCount(), order.placedAt(), order.updatedAt());
    }
}
