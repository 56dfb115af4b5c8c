package dev.bazaar.catalog.products.updateproduct;

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
class UpdateProductEndpoint {

    private final UpdateProductHandler handler;

    UpdateProductEndpoint(UpdateProductHandler handler) {
        this.handler = handler;
    }

    @PutMapping("/api/catalog/admin/products/{id}")
    @Operation(summary = "Change a product's details (role ADMIN); emits catalog.product.updated",
            description = "Admins only. Replaces name, description, brand, category and image as a whole: a field "
                    + "left out is emptied. Price and stock have their own operations, and the SKU never changes. "
                    + "Carts show the new name at their next read; placed orders keep what they were placed with.")
    @ApiResponse(responseCode = "200", description = "The updated product")
    @ApiResponse(responseCode = "400", description = "Invalid body (problem+json naming the fields)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No product has this id (product-not-found)")
    @ApiResponse(responseCode = "422", description = "No category has this categoryId (unknown-category)")
    ProductView update(
            @Parameter(description = "The product's id, as creating it answered",
                    example = "3f2b8c1e-5d47-4a96-9e0b-7c1d2a4f6e88") @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "travel-mug", summary = "New details for the travel mug",
                            value = """
                                    {"name": "Trailhead Insulated Travel Mug 500 ml",
                                     "description": "Double-walled steel mug that keeps coffee hot for six hours; fits car cup holders.",
                                     "brand": "Northwind Home", "categoryId": "be430f15-211e-58d6-b6b4-d33024ec26af",
                                     "imageUrl": "https://img.bazaar.dev/products/TRY-0001.jpg"}""")))
            @Valid @RequestBody UpdateProduct command) {
        return ProductView.of(handler.update(id, command));
    }
}
