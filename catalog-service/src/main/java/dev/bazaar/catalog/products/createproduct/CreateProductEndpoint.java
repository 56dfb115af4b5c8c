package dev.bazaar.catalog.products.createproduct;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Catalog administration")
@SecurityRequirement(name = "bearer")
class CreateProductEndpoint {

    private final CreateProductHandler handler;

    CreateProductEndpoint(CreateProductHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/catalog/admin/products")
    @Operation(summary = "Create a product (role ADMIN); emits catalog.product.created",
            description = "Admins only. The product is on sale at once, at its price, with initialStock units. The "
                    + "SKU is unique whatever its letter case, so creating the same SKU twice is 409: a create is not "
                    + "idempotent. Shoppers find it by search as soon as the answer comes.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the product",
            headers = @Header(name = "Location", required = true, description = "The product's URL: /api/catalog/products/{id}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", description = "Invalid body (problem+json naming the fields)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "409", description = "Another product has this SKU, in any letter case (sku-taken)")
    @ApiResponse(responseCode = "422", description = "No category has this categoryId (unknown-category)")
    ResponseEntity<ProductView> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "travel-mug", summary = "A new product in Home & Kitchen",
                            value = """
                                    {"sku": "TRY-0001", "name": "Trailhead Insulated Travel Mug",
                                     "description": "Double-walled steel mug that keeps coffee hot for six hours.",
                                     "brand": "Northwind Home", "categoryId": "be430f15-211e-58d6-b6b4-d33024ec26af",
                                     "price": {"amount": 2499, "currency": "EUR"},
                                     "imageUrl": "https://img.bazaar.dev/products/TRY-0001.jpg", "initialStock": 25}""")))
            @Valid @RequestBody CreateProduct command, @AuthenticationPrincipal Jwt admin) {
        ProductView created = ProductView.of(handler.create(command, admin.getSubject()));
        return ResponseEntity.created(URI.create("/api/catalog/products/" + created.id())).body(created);
    }
}
