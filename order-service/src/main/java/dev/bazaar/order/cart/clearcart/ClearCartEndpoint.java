package dev.bazaar.order.cart.clearcart;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.order.cart.CartView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Cart")
@SecurityRequirement(name = "bearer")
class ClearCartEndpoint {

    private final ClearCartHandler handler;

    ClearCartEndpoint(ClearCartHandler handler) {
        this.handler = handler;
    }

    @DeleteMapping("/api/cart")
    @Operation(summary = "Empty your cart",
            description = "Removes every line; an empty cart changes nothing (the version stays). With a token, your "
                    + "own cart; without, the guest cart named by X-Cart-Id.")
    @ApiResponse(responseCode = "200", description = "The emptied cart; its version is also the ETag",
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "401", description = "Neither a valid token nor X-Cart-Id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No guest cart with this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<CartView> clear(
            @Parameter(description = "A guest cart's id (POST /api/carts); ignored with a token")
            @RequestHeader(name = "X-Cart-Id", required = false) String cartId,
            @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.clear(caller, cartId);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
