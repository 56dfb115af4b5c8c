package dev.bazaar.order.orders.placeorder;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.order.idempotency.Claim;
import dev.bazaar.order.orders.OrderView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Runs once per Idempotency-Key: {@code IdempotentRequests} claims the key around it and replays its answer. */
@RestController
@Tag(name = "Orders")
@SecurityRequirement(name = "bearer")
class PlaceOrderEndpoint {

    private final PlaceOrderHandler handler;

    PlaceOrderEndpoint(PlaceOrderHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/orders")
    @Operation(summary = "Place an order: prices from catalog, stock reserved, then awaiting payment")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true,
            description = "Any unique string per intended order; a retry with the same key and body returns the first answer")
    @ApiResponse(responseCode = "201", description = "Placed; Location names the order",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "409", description = "Not enough stock (shortLines), the placement took so long that its "
            + "reservation was released (reservation-released: place the order again), or the same key is still in progress")
    @ApiResponse(responseCode = "422", description = "Unknown product, a total above what a payment may be "
            + "(order-total-too-large), or the key was used for another request")
    @ApiResponse(responseCode = "502", description = "catalog or identity gave an answer that could not be used; nothing was ordered")
    @ApiResponse(responseCode = "503", description = "catalog or identity unavailable; nothing was ordered")
    ResponseEntity<OrderView> place(@Parameter(hidden = true) @RequestAttribute(Claim.ATTRIBUTE) Claim claim,
            @Valid @RequestBody PlaceOrder command, @Parameter(hidden = true) Authentication caller) {
        OrderView order = handler.place(claim, Caller.of(caller), command);
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }
}
