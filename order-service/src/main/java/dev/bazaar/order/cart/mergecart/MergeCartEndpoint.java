package dev.bazaar.order.cart.mergecart;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
    @ApiResponse(responseCode = "200", description = "Your cart after the merge; its new version is also the ETag",
            content = @Content(schema = @Schema(implementation = CartView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid body",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "401", description = "No valid token",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "404", description = "No guest cart with this id (unknown, merged or expired)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    ResponseEntity<CartView> merge(@Valid @RequestBody MergeCart command, @Parameter(hidden = true) Authentication caller) {
        CartView cart = handler.merge(caller, command);
        return ResponseEntity.ok().eTag(Integer.toString(cart.version())).body(cart);
    }
}
