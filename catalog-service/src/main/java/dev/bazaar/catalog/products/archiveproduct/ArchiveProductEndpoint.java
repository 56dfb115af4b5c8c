package dev.bazaar.catalog.products.archiveproduct;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearer")
class ArchiveProductEndpoint {

    private final ArchiveProductHandler handler;

    ArchiveProductEndpoint(ArchiveProductHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/catalog/admin/products/{id}/archive")
    @Operation(summary = "Take a product off sale (role ADMIN); idempotent; emits catalog.product.updated")
    @ApiResponse(responseCode = "200", description = "The archived product")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such product")
    ProductView archive(@PathVariable UUID id) {
        return ProductView.of(handler.archive(id));
    }
}
