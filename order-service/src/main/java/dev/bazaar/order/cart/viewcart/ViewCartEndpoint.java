package dev.bazaar.order.cart.viewcart;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
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
class ViewCartEndpoint {

    private final ViewCartHandler handler;

    ViewCartEndpoint(ViewCartHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/cart")
    @Operation(summary = "Your cart, priced by catalog now",
            description = "A signed-in shopper's own cart (X-Cart-Id is ignored), or without a token the guest cart "
                    + "named by X-Cart-Id. Each line has the product's current name, price and availability; notices "
                    + "say what changed since a line was set. While catalog cannot be reached the cart is priced as "
                    + "last seen, with a prices-may-be-stale notice.")
    @ApiResponse(responseCode = "200", description = "The cart; its version is also the ETag", headers = @Header(name = "ETag", required = true, description = "The cart's version, quoted; send it as If-Match to check out", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "401", description = "Neither a valid token nor X-Cart-Id")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (a service's token) (not-a-shopper)")
    @ApiResponse(responseCode = "404", description = "No guest cart with this id (unknown, merged or expired)")
    ResponseEntity<CartView> view(
            @Parameter(description = "A guest cart's id (POST /api/carts); ignored with a token", example = "Xq3v8Rk2LmN5pT7wYb1Zc4Df6Gh9Jk0Ls2Qu5Wx8Aet")
            @RequestHeader(name = "X-Cart-Id", required = false) String cartId,
            @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.view(caller, cartId);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
