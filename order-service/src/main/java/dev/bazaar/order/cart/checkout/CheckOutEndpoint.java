package dev.bazaar.order.cart.checkout;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

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

/** Runs once per Idempotency-Key, as placing an order does: {@code IdempotentRequests} claims the key around it. */
@RestController
@Tag(name = "Cart")
@SecurityRequirement(name = "bearer")
class CheckOutEndpoint {

    private final CheckOutHandler handler;

    CheckOutEndpoint(CheckOutHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/cart/checkout")
    @Operation(summary = "Order your cart as you saw it: answers as placing an order does",
            description = "The cart's lines are priced and reserved at catalog now, and the order is placed as by "
                    + "POST /api/orders; the cart is emptied with it. The key is checked before the version: the same "
                    + "key, body and If-Match replays the first answer; the same key with another body or If-Match is 422.")
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, required = true,
            description = "Any unique string per intended order; a retry with the same key, body and If-Match returns "
                    + "the first answer", example = "cart-checkout-2026-12-03-0001")
    @ApiResponse(responseCode = "201", description = "Placed; Location names the order",
            headers = @Header(name = "Location", required = true, description = "The order's URL: /api/orders/{id}", schema = @Schema(type = "string", format = "uri-reference")),
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body, If-Match or missing Idempotency-Key")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (not-a-shopper), or the account "
            + "may not order (customer-not-allowed)")
    @ApiResponse(responseCode = "409", description = "Not enough stock (shortLines), the reservation was released "
            + "(reservation-released), or the same key is still in progress")
    @ApiResponse(responseCode = "412", description = "The cart is not at the version in If-Match (cart-changed): "
            + "its member cart is the cart as it is now; nothing was ordered")
    @ApiResponse(responseCode = "422", description = "An empty cart (cart-empty), an archived product "
            + "(product-archived, naming it), a total above what a payment may be (order-total-too-large), or the "
            + "key was used for another request")
    @ApiResponse(responseCode = "428", description = "No If-Match (cart-version-required)")
    @ApiResponse(responseCode = "502", description = "catalog or identity gave an answer that could not be used")
    @ApiResponse(responseCode = "503", description = "catalog or identity unavailable; nothing was ordered")
    ResponseEntity<OrderView> checkOut(@Parameter(hidden = true) @RequestAttribute(Claim.ATTRIBUTE) Claim claim,
            @Parameter(description = "The cart's version as its ETag gave it, e.g. \"3\"", required = true, example = "1")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "visa", summary = "Ship to Berlin, pay with the test card that succeeds",
                            value = """
                                    {"shippingAddress": {"name": "Alice Example", "line1": "Hauptstrasse 1", "city": "Berlin", "postalCode": "10115", "country": "DE"},
                                     "paymentToken": "tok_visa"}""")))
            @Valid @RequestBody CheckOut command, @Parameter(hidden = true) Authentication caller) {
        OrderView order = handler.checkOut(claim, caller, ifMatch, command);
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }
}
