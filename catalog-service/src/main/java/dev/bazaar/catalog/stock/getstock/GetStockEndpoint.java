package dev.bazaar.catalog.stock.getstock;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.catalog.stock.Stock;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearer")
class GetStockEndpoint {

    private final ProductRepository products;

    GetStockEndpoint(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/api/catalog/admin/products/{id}/stock")
    @Operation(summary = "A product's units on sale, held for unpaid orders, and sold (role ADMIN)")
    @ApiResponse(responseCode = "200", description = "The three buckets")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such product")
    Stock stock(@PathVariable UUID id) {
        return products.get(id).stock();
    }
}
