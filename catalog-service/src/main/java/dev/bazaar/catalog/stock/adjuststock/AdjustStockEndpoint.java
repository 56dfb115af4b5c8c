package dev.bazaar.catalog.stock.adjuststock;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
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
class AdjustStockEndpoint {

    private final AdjustStockHandler handler;

    AdjustStockEndpoint(AdjustStockHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/catalog/admin/products/{id}/stock-adjustments")
    @Operation(summary = "Receive or write off stock (role ADMIN); emits catalog.stock.adjusted, "
            + "and catalog.stock.depleted when none is left")
    @ApiResponse(responseCode = "200", description = "The product with its new stock")
    @ApiResponse(responseCode = "400", description = "Invalid body (problem+json naming the fields)")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "403", description = "Not an admin")
    @ApiResponse(responseCode = "404", description = "No such product")
    @ApiResponse(responseCode = "409", description = "Fewer units on sale than the write-off")
    ProductView adjust(@PathVariable UUID id, @Valid @RequestBody AdjustStock command,
            @AuthenticationPrincipal Jwt admin) {
        return ProductView.of(handler.adjust(id, command, admin.getSubject()));
    }
}
