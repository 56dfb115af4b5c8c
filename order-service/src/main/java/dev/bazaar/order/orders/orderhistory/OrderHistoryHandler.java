package dev.bazaar.order.orders.orderhistory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.orders.OrderAccess;
import dev.bazaar.order.orders.OrderEvent;

/** An order's event stream, oldest first, worded for its shopper (or an admin). */
@Service
class OrderHistoryHandler {

    /** One step of an order's life, worded for people. */
    record Step(int version, String event, String description, Instant at) {
    }

    private final OrderAccess access;

    OrderHistoryHandler(OrderAccess access) {
        this.access = access;
    }

    List<Step> history(UUID orderId, Caller caller) {
        List<OrderEvent> events = access.load(orderId, caller).history();
        return IntStream.range(0, events.size()).mapToObj(i -> step(i + 1, events.get(i))).toList();
    }

    private static Step step(int version, OrderEvent event) {
        String description = switch (event) {
            case OrderEvent.Placed p -> "Order placed: " + p.lines().size() + " line(s), total "
                    + p.total().amount() + " " + p.total().currency() + " (minor units); stock reserved, awaiting payment";
            case OrderEvent.Confirmed c -> "Payment received; order confirmed";
            case OrderEvent.Cancelled c -> "Order cancelled (" + c.reason() + (c.detail() == null ? "" : ": " + c.detail()) + ")";
            case OrderEvent.Refunded r -> "Payment refunded";
        };
        return new Step(version, event.getClass().getSimpleName(), description, event.occurredAt());
    }
}
