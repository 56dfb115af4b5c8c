package dev.bazaar.order.orders.getorder;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.orders.OrderView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class GetOrderEndpoint {

    private final GetOrderHandler handler;

    GetOrderEndpoint(GetOrderHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/orders/{id}")
    @Operation(summary = "One of your orders")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "404", description = "No such order of yours")
    OrderView get(@PathVariable UUID id, @Parameter(hidden = true) Authentication caller) {
        return handler.get(id, Caller.of(caller));
    }
}
