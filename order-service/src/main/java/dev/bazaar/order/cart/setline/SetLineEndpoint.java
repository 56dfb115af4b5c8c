package dev.bazaar.order.cart.setline;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.apidocs.SignInOptional;
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
@SignInOptional
class SetLineEndpoint {

    private final SetLineHandler handler;

    SetLineEndpoint(SetLineHandler handler) {
        this.handler = handler;
    }

    @PutMapping("/api/cart/lines/{productId}")
    @Operation(summary = "Set how many of a product your cart holds (0 removes the line)",
            description = "At most 100 a line and 50 lines. The line keeps catalog's current price, and the cart "
                    + "notices when that price changes later. With a token, your own cart; without, the guest cart "
                    + "named by X-Cart-Id.")
    @ApiResponse(responseCode = "200", description = "The cart after the change; its new version is also the ETag", headers = @Header(name = "ETag", required = true, description = "The cart's version, quoted; send it as If-Match to check out", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body or product id")
    @ApiResponse(responseCode = "401", description = "Neither a valid token nor X-Cart-Id")
    @ApiResponse(responseCode = "403", description = "The token is not a shopper's (a service's token) (not-a-shopper)")
    @ApiResponse(responseCode = "404", description = "No guest cart with this id")
    @ApiResponse(responseCode = "422", description = "Unknown product (unknown-product), archived product "
            + "(product-archived) or a 51st line (cart-full); nothing was changed")
    @ApiResponse(responseCode = "503", description = "catalog unavailable; nothing was changed")
    ResponseEntity<CartView> set(
            @Parameter(description = "The product whose line to set", example = "a7ba2782-6946-5be0-84ab-90c9c7bd6809") @PathVariable UUID productId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "one", summary = "One of the product", value = """
                            {"quantity": 1}""")))
            @Valid @RequestBody SetLine command,
            @Parameter(description = "A guest cart's id (POST /api/carts); ignored with a token", example = "Xq3v8Rk2LmN5pT7wYb1Zc4Df6Gh9Jk0Ls2Qu5Wx8Aet")
            @RequestHeader(name = "X-Cart-Id", required = false) String cartId,
            @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.set(caller, cartId, productId, command);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
