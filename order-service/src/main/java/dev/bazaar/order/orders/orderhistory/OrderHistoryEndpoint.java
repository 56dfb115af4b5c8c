package dev.bazaar.order.orders.orderhistory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.orders.OrderAccess;
import dev.bazaar.order.orders.OrderEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class OrderHistoryEndpoint {

    /** One step of an order's life, worded for people. */
    record Step(int version, String event, String description, Instant at) {
    }

    private final OrderAccess access;

    OrderHistoryEndpoint(OrderAccess access) {
        this.access = access;
    }

    @GetMapping("/api/orders/{id}/history")
    @Operation(summary = "What happened to one of your orders, oldest first")
    @ApiResponse(responseCode = "200", description = "The steps")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "404", description = "No such order of yours")
    List<Step> history(@PathVariable UUID id, @Parameter(hidden = true) Authentication caller) {
        List<OrderEvent> events = access.load(id, Caller.of(caller)).history();
        return java.util.stream.IntStream.range(0, events.size())
                .mapToObj(i -> step(i + 1, events.get(i))).toList();
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
