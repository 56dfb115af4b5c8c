package dev.bazaar.order.orders.placeorder;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.order.orders.OrderAccess;
import dev.bazaar.order.orders.OrderView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

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
    @ApiResponse(responseCode = "201", description = "Placed; Location names the order",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "409", description = "Not enough stock (shortLines), or the same key is still in progress")
    @ApiResponse(responseCode = "422", description = "Unknown product, or the key was used for another request")
    @ApiResponse(responseCode = "503", description = "catalog or identity unavailable; nothing was ordered")
    ResponseEntity<String> place(
            @Parameter(description = "Any unique string per intended order; a retry with the same key and body "
                    + "returns the first answer") @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @Valid @RequestBody PlaceOrder command, @AuthenticationPrincipal Jwt caller) {
        if (key == null || !key.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IdempotencyProblems.KeyMissing();
        }
        UUID customerId = OrderAccess.customerId(caller);
        Placement placement = handler.place(customerId, key, command);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(placement.status())
                .contentType(placement.created() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON);
        if (placement.created()) {
            response.location(URI.create("/api/orders/" + placement.orderId()));
        }
        return response.body(placement.body());
    }
}
