package dev.bazaar.catalog.stock.getstock;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearer")
class GetStockEndpoint {

    private final GetStockHandler handler;

    GetStockEndpoint(GetStockHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/catalog/admin/products/{id}/stock")
    @Operation(summary = "A product's units on sale, held for unpaid orders, and sold (role ADMIN)")
    @ApiResponse(responseCode = "200", description = "The three buckets")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such product")
    StockView stock(@PathVariable UUID id) {
        return handler.get(id);
    }
}
