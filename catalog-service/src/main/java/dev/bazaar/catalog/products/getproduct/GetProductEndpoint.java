package dev.bazaar.catalog.products.getproduct;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
    @Operation(summary = "One product by id, archived ones included (for order history)",
            description = "Public: no sign-in. Unlike the search, an archived product is still found here, with "
                    + "status ARCHIVED, so that an order's lines keep pointing somewhere. The price is the current "
                    + "one; an order keeps the price it was placed at.")
    @ApiResponse(responseCode = "200", description = "The product")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No product has this id (product-not-found)")
    ProductView get(@Parameter(description = "The product's id", example = "a7ba2782-6946-5be0-84ab-90c9c7bd6809")
            @PathVariable UUID id) {
        return ProductView.of(handler.get(id));
    }
}
