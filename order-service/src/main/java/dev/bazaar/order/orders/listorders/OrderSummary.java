package dev.bazaar.order.orders.listorders;

import java.time.Instant;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.OrderStatus;

public record OrderSummary(UUID id, UUID customerId, OrderStatus status, CancelReason cancelReason, Money total,
        int itemCount, Instant placedAt, Instant updatedAt) {
}
