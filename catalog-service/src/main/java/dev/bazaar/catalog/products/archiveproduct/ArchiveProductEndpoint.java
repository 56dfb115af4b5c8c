package dev.bazaar.catalog.products.archiveproduct;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
    @Operation(summary = "Take a product off sale (role ADMIN); idempotent; emits catalog.product.updated",
            description = "Admins only. The product leaves the search and can no longer be ordered or put in a cart, "
                    + "but GET by id still finds it for order history. Units held for unpaid orders stay held, since "
                    + "those orders may still be paid. Archiving an archived product changes nothing and emits nothing.")
    @ApiResponse(responseCode = "200", description = "The archived product")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No product has this id (product-not-found)")
    ProductView archive(@Parameter(description = "The product's id, as creating it answered",
            example = "3f2b8c1e-5d47-4a96-9e0b-7c1d2a4f6e88") @PathVariable UUID id) {
        return ProductView.of(handler.archive(id));
    }
}
