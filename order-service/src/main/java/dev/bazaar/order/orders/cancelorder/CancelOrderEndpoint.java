package dev.bazaar.order.orders.cancelorder;

import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
class CancelOrderEndpoint {

    private final CancelOrderHandler handler;

    CancelOrderEndpoint(CancelOrderHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/orders/{id}/cancel")
    @Operation(summary = "Cancel one of your orders; a paid one is refunded and its stock returns",
            description = "Shoppers cancel their own orders while AWAITING_PAYMENT or CONFIRMED; the reserved or sold "
                    + "units return to stock and a captured payment is refunded (emits order.order.cancelled). "
                    + "Another shopper's order answers 404. A cancelled order cannot be cancelled again (409).")
    @ApiResponse(responseCode = "200", description = "The cancelled order")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "404", description = "No such order of yours")
    @ApiResponse(responseCode = "409", description = "Not cancellable in its state (order-not-cancellable), or changed concurrently on every try (the service tries four times); retry")
    OrderView cancel(@Parameter(description = "The order's id, as placing it answered", example = "5b1f0c2e-8a3d-4c7b-9e61-2d4f8a0b6c13")
            @PathVariable UUID id, @Parameter(hidden = true) Authentication caller) {
        return OrderView.of(handler.cancel(id, Caller.of(caller)));
    }
}
