package dev.bazaar.order.orders.listorders;

import java.util.UUID;

import dev.bazaar.defaults.web.PageDepth;
import dev.bazaar.defaults.web.PageRequest;
import dev.bazaar.order.orders.OrderStatus;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A page of orders, newest first; customerId is for admins only. */
@PageDepth
public record ListOrders(
        @Parameter(description = "Only orders in this status", example = "AWAITING_PAYMENT") OrderStatus status,
        @Parameter(description = "Admin only: one customer's orders", example = "9d3c4b1a-2e6f-4a8b-b7c5-1f0e2d3c4b5a") UUID customerId,
        @Parameter(description = "Page number, from 0", example = "0") @Min(0) @Max(PageRequest.MAX_PAGE) Integer page,
        @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20") @Min(1) @Max(PageRequest.MAX_SIZE) Integer size) {

    public PageRequest pageRequest() {
        return PageRequest.of(page, size);
    }
}
