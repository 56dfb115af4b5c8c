package dev.bazaar.catalog.products.changeprice;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearer")
class ChangePriceEndpoint {

    private final ChangePriceHandler handler;

    ChangePriceEndpoint(ChangePriceHandler handler) {
        this.handler = handler;
    }

    @PutMapping("/api/catalog/admin/products/{id}/price")
    @Operation(summary = "Change a product's price (role ADMIN); emits catalog.product.price-changed",
            description = "Admins only. New orders are priced at the new price; orders already placed keep theirs, "
                    + "and a cart holding the product tells its shopper the price moved. Setting the price it "
                    + "already has changes nothing and emits nothing, so a repeat is harmless.")
    @ApiResponse(responseCode = "200", description = "The product with its new price")
    @ApiResponse(responseCode = "400", description = "Invalid price (problem+json naming the field)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No product has this id (product-not-found)")
    ProductView change(
            @Parameter(description = "The product's id, as creating it answered",
                    example = "3f2b8c1e-5d47-4a96-9e0b-7c1d2a4f6e88") @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "sale-price", summary = "19.99 EUR, in cents",
                            value = """
                                    {"price": {"amount": 1999, "currency": "EUR"}}""")))
            @Valid @RequestBody ChangePrice command) {
        return ProductView.of(handler.change(id, command));
    }
}
