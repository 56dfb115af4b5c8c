package dev.bazaar.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.bazaar.defaults.money.Money;

/** An order as its shopper sees it. The payment token is never shown back. */
public record OrderView(
        UUID id,
        OrderStatus status,
        CancelReason cancelReason,
        String cancelDetail,
        List<OrderLine> lines,
        Money total,
        ShippingAddress shippingAddress,
        CustomerSnapshot customer,
        UUID paymentId,
        boolean refunded,
        Instant placedAt,
        Instant updatedAt,
        int version) {

    public static OrderView of(Order o) {
        return new OrderView(o.id(), o.status(), o.cancelReason(), o.cancelDetail(), o.lines(), o.total(),
                o.shippingAddress(), o.customer(), o.paymentId(), o.refunded(), o.placedAt(), o.updatedAt(), o.version());
    }
}
