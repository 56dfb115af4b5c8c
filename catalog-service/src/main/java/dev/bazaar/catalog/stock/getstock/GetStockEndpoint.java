package dev.bazaar.catalog.stock.getstock;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
    @Operation(summary = "A product's units on sale, held for unpaid orders, and sold (role ADMIN)",
            description = "Admins only; shoppers see only whether a product is available. Units move from on sale "
                    + "to held when an order is placed, from held to sold when it is paid, and back to on sale when "
                    + "an order is cancelled. Archived products keep their stock.")
    @ApiResponse(responseCode = "200", description = "The three buckets")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No product has this id (product-not-found)")
    StockView stock(@Parameter(description = "The product's id", example = "a7ba2782-6946-5be0-84ab-90c9c7bd6809")
            @PathVariable UUID id) {
        return handler.get(id);
    }
}
