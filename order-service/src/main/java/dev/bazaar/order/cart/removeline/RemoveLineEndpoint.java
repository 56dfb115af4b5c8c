package dev.bazaar.order.cart.removeline;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.apidocs.SignInOptional;
import dev.bazaar.order.cart.CartView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Cart")
@SecurityRequirement(name = "bearer")
@SignInOptional
class RemoveLineEndpoint {

    private final RemoveLineHandler handler;

    RemoveLineEndpoint(RemoveLineHandler handler) {
        this.handler = handler;
    }

    @DeleteMapping("/api/cart/lines/{productId}")
    @Operation(summary = "Take a product out of your cart",
            description = "A product the cart does not hold changes nothing (the version stays). With a token, your "
                    + "own cart; without, the guest cart named by X-Cart-Id.")
    @ApiResponse(responseCode = "200", description = "The cart after the change; its version is also the ETag", headers = @Header(name = "ETag", required = true, description = "The cart's version, quoted; send it as If-Match to check out", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "400", description = "The product id is not a UUID")
    @ApiResponse(responseCode = "401", description = "Neither a valid token nor X-Cart-Id")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (a service's token) (not-a-shopper)")
    @ApiResponse(responseCode = "404", description = "No guest cart with this id")
    ResponseEntity<CartView> remove(
            @Parameter(description = "The product to take out", example = "a7ba2782-6946-5be0-84ab-90c9c7bd6809") @PathVariable UUID productId,
            @Parameter(description = "A guest cart's id (POST /api/carts); ignored with a token", example = "Xq3v8Rk2LmN5pT7wYb1Zc4Df6Gh9Jk0Ls2Qu5Wx8Aet")
            @RequestHeader(name = "X-Cart-Id", required = false) String cartId,
            @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.remove(caller, cartId, productId);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
