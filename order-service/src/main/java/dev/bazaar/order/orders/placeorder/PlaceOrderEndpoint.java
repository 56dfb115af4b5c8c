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
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
    @Operation(summary = "Place an order: prices from catalog, stock reserved, then awaiting payment",
            description = "Shoppers only. Each line is priced by catalog now (prices sent by the client are never "
                    + "trusted) and its stock reserved; the order then awaits payment, charged with paymentToken "
                    + "(test tokens: tok_visa succeeds, tok_chargeDeclined is declined). Follow its status with GET "
                    + "/api/orders/{id}: CONFIRMED once paid, CANCELLED if declined or unpaid in time. The same "
                    + "Idempotency-Key and body replay the first answer; the same key with another body is 422.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true,
            description = "Any unique string per intended order; a retry with the same key and body returns the first answer",
            example = "order-2026-12-03-0001")
    @ApiResponse(responseCode = "201", description = "Placed; Location names the order",
            headers = @Header(name = "Location", required = true, description = "The order's URL: /api/orders/{id}", schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body or missing Idempotency-Key")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (not-a-shopper), or the account "
            + "may not order (customer-not-allowed)")
    @ApiResponse(responseCode = "409", description = "Not enough stock (shortLines), the placement took so long that its "
            + "reservation was released (reservation-released: place the order again), or the same key is still in progress")
    @ApiResponse(responseCode = "422", description = "Unknown product (unknown-product), an archived one (product-archived), mixed currencies, a total above what a payment may be "
            + "(order-total-too-large), or the key was used for another request")
    @ApiResponse(responseCode = "502", description = "catalog or identity gave an answer that could not be used; nothing was ordered")
    @ApiResponse(responseCode = "503", description = "catalog or identity unavailable; nothing was ordered")
    ResponseEntity<OrderView> place(@Parameter(hidden = true) @RequestAttribute(Claim.ATTRIBUTE) Claim claim,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "headphones", summary = "One pair of the Aurora headphones, paid by the test card that succeeds",
                            value = """
                                    {"lines": [{"productId": "a7ba2782-6946-5be0-84ab-90c9c7bd6809", "quantity": 1}],
                                     "shippingAddress": {"name": "Alice Example", "line1": "Hauptstrasse 1", "city": "Berlin", "postalCode": "10115", "country": "DE"},
                                     "paymentToken": "tok_visa"}""")))
            @Valid @RequestBody PlaceOrder command, @Parameter(hidden = true) Authentication caller) {
        OrderView order = handler.place(claim, Caller.of(caller), command);
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }
}
