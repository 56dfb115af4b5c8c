package dev.bazaar.order.orders.orderhistory;

import java.util.List;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class OrderHistoryEndpoint {

    private final OrderHistoryHandler handler;

    OrderHistoryEndpoint(OrderHistoryHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/orders/{id}/history")
    @Operation(summary = "What happened to one of your orders, oldest first",
            description = "The order's events as steps with their times: placed, confirmed or cancelled (and why). "
                    + "A shopper sees only their own orders: another's answers 404, as one that does not exist.")
    @ApiResponse(responseCode = "200", description = "The steps")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "404", description = "No such order of yours")
    List<OrderHistoryHandler.Step> history(@Parameter(description = "The order's id, as placing it answered", example = "5b1f0c2e-8a3d-4c7b-9e61-2d4f8a0b6c13")
            @PathVariable UUID id, @Parameter(hidden = true) Authentication caller) {
        return handler.history(id, Caller.of(caller));
    }
}
