package dev.bazaar.order.cart.guestcart;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Cart")
class CreateGuestCartEndpoint {

    private final CreateGuestCartHandler handler;

    CreateGuestCartEndpoint(CreateGuestCartHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/carts")
    @Operation(summary = "Start a guest cart: no token needed",
            description = "Answers the cart's id, which the guest sends as X-Cart-Id on /api/cart and its lines. "
                    + "Keep it secret: whoever has it reaches the cart. It lives 7 days since its last change; "
                    + "after signing in, POST /api/cart/merge adds its lines to the shopper's cart.")
    @ApiResponse(responseCode = "201", description = "Made, empty, at version 0",
            headers = @Header(name = "ETag", required = true, description = "The cart's version, \"0\"", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = NewGuestCart.class)))
    @ApiResponse(responseCode = "429", description = "Too many carts made from this address (at the gateway)")
    ResponseEntity<NewGuestCart> create() {
        return ResponseEntity.status(HttpStatus.CREATED).eTag("0").body(handler.create());
    }
}
