package dev.bazaar.catalog.products.changeprice;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(summary = "Change a product's price (role ADMIN); emits catalog.product.price-changed")
    @ApiResponse(responseCode = "200", description = "The product with its new price")
    @ApiResponse(responseCode = "400", description = "Invalid price (problem+json naming the field)")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such product")
    ProductView change(@PathVariable UUID id, @Valid @RequestBody ChangePrice command) {
        return ProductView.of(handler.change(id, command));
    }
}
