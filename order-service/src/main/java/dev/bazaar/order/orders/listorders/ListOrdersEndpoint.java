package dev.bazaar.order.orders.listorders;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.defaults.web.PageOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class ListOrdersEndpoint {

    private final ListOrdersHandler handler;

    ListOrdersEndpoint(ListOrdersHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/orders")
    @Operation(summary = "Your orders, newest first (customerId is ignored: you see only yours)",
            description = "Shoppers only: a page of the caller's orders, optionally of one status. Pages hold 1 to "
                    + "100 orders (20 by default) and reach no further than the 10,000th; the answer has the total.")
    @ApiResponse(responseCode = "200", description = "A page of your orders")
    @ApiResponse(responseCode = "400", description = "A parameter is invalid")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (not-a-shopper)")
    PageOf<OrderSummary> mine(@Valid @ParameterObject ListOrders query, @Parameter(hidden = true) Authentication caller) {
        return handler.list(query, Caller.of(caller));
    }

    @GetMapping("/api/admin/orders")
    @Operation(summary = "Every order, newest first, by status or customer (role ADMIN)",
            description = "Admins only: every shopper's orders, optionally of one status or one customer (by user "
                    + "id). Pages hold 1 to 100 orders (20 by default) and reach no further than the 10,000th; the "
                    + "answer has the total.")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @ApiResponse(responseCode = "400", description = "A parameter is invalid")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    PageOf<OrderSummary> all(@Valid @ParameterObject ListOrders query) {
        return handler.list(query, null);
    }
}
