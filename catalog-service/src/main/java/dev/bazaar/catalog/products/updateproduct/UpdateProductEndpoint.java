package dev.bazaar.catalog.products.updateproduct;

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
class UpdateProductEndpoint {

    private final UpdateProductHandler handler;

    UpdateProductEndpoint(UpdateProductHandler handler) {
        this.handler = handler;
    }

    @PutMapping("/api/catalog/admin/products/{id}")
    @Operation(summary = "Change a product's details (role ADMIN); emits catalog.product.updated")
    @ApiResponse(responseCode = "200", description = "The updated product")
    @ApiResponse(responseCode = "400", description = "Invalid body (problem+json naming the fields)")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such product")
    @ApiResponse(responseCode = "422", description = "The category does not exist")
    ProductView update(@PathVariable UUID id, @Valid @RequestBody UpdateProduct command) {
        return ProductView.of(handler.update(id, command));
    }
}
