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
    @Operation(summary = "Create a product (role ADMIN); emits catalog.product.created")
    @ApiResponse(responseCode = "201", description = "Created; Location names the product")
    @ApiResponse(responseCode = "400", description = "Invalid body (problem+json naming the fields)")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "409", description = "The SKU is taken")
    @ApiResponse(responseCode = "422", description = "The category does not exist")
    ResponseEntity<ProductView> create(@Valid @RequestBody CreateProduct command, @AuthenticationPrincipal Jwt admin) {
        ProductView created = ProductView.of(handler.create(command, admin.getSubject()));
        return ResponseEntity.created(URI.create("/api/catalog/products/" + created.id())).body(created);
    }
}
