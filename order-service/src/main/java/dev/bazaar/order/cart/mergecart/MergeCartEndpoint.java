package dev.bazaar.order.cart.mergecart;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.order.cart.CartView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Cart")
@SecurityRequirement(name = "bearer")
class MergeCartEndpoint {

    private final MergeCartHandler handler;

    MergeCartEndpoint(MergeCartHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/cart/merge")
    @Operation(summary = "After signing in, add a guest cart's lines into your cart",
            description = "Quantities of a product in both carts are added, up to 100; guest lines for new products "
                    + "are added in the order the guest added them while your cart has fewer than 50 lines, and the "
                    + "rest are left out. The guest cart is deleted; its id then answers 404.")
    @ApiResponse(responseCode = "200", description = "Your cart after the merge; its new version is also the ETag", headers = @Header(name = "ETag", required = true, description = "The cart's version, quoted; send it as If-Match to check out", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (a service's token) (not-a-shopper)")
    @ApiResponse(responseCode = "404", description = "No guest cart with this id (unknown, merged or expired)")
    ResponseEntity<CartView> merge(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "guest-cart", summary = "The id POST /api/carts answered", value = """
                            {"cartId": "Xq3v8Rk2LmN5pT7wYb1Zc4Df6Gh9Jk0Ls2Qu5Wx8Aet"}""")))
            @Valid @RequestBody MergeCart command, @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.merge(caller, command);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
