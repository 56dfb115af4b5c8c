package dev.bazaar.catalog.products.getproduct;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Products")
class GetProductEndpoint {

    private final GetProductHandler handler;

    GetProductEndpoint(GetProductHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/catalog/products/{id}")
    @Operation(summary = "One product by id, archived ones included (for order history)")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such product")
    ProductView get(@PathVariable UUID id) {
        return ProductView.of(handler.get(id));
    }
}
