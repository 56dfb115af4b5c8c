package dev.bazaar.order.cart.setline;

import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
import jakarta.validation.Valid;

@RestController
@Tag(name = "Cart")
@SecurityRequirement(name = "bearer")
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
    @ApiResponse(responseCode = "200", description = "The cart after the change; its new version is also the ETag",
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body or product id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "401", description = "Neither a valid token nor X-Cart-Id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No guest cart with this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "422", description = "Unknown product (unknown-product), archived product "
            + "(product-archived) or a 51st line (cart-full); nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "catalog unavailable; nothing was changed",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<CartView> set(@PathVariable UUID productId, @Valid @RequestBody SetLine command,
            @Parameter(description = "A guest cart's id (POST /api/carts); ignored with a token")
            @RequestHeader(name = "X-Cart-Id", required = false) String cartId,
            @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.set(caller, cartId, productId, command);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
