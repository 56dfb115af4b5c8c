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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
            + "and catalog.stock.depleted when none is left",
            description = "Admins only. A positive delta adds units received, a negative one writes units off, with "
                    + "the reason recorded beside the admin who made it. Only units on sale can be written off: those "
                    + "held for unpaid orders and those sold belong to orders. Not idempotent: each call moves the "
                    + "stock again.")
    @ApiResponse(responseCode = "200", description = "The product with its new stock")
    @ApiResponse(responseCode = "400", description = "Invalid body, or a delta of 0 (problem+json naming the fields)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No product has this id (product-not-found)")
    @ApiResponse(responseCode = "409", description = "The write-off is larger than the units on sale "
            + "(insufficient-stock, with shortLines); nothing was changed")
    ProductView adjust(
            @Parameter(description = "The product's id, as creating it answered",
                    example = "3f2b8c1e-5d47-4a96-9e0b-7c1d2a4f6e88") @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "delivery", summary = "Ten units received",
                            value = """
                                    {"delta": 10, "reason": "Delivery from the supplier"}""")))
            @Valid @RequestBody AdjustStock command, @AuthenticationPrincipal Jwt admin) {
        return ProductView.of(handler.adjust(id, command, admin.getSubject()));
    }
}
