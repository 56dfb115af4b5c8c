package dev.bazaar.catalog.products.searchproducts;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.products.ProductView;
import dev.bazaar.defaults.web.PageOf;
import org.springdoc.core.annotations.ParameterObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Products")
class SearchProductsEndpoint {

    private final SearchProductsHandler handler;

    SearchProductsEndpoint(SearchProductsHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/catalog/products")
    @Operation(summary = "Search and browse products on sale",
            description = "Public: no sign-in. Only products on sale are found (archived ones are not); every filter "
                    + "is optional and they combine. With q the most relevant come first unless sort says otherwise. "
                    + "Pages hold 1 to 100 products (20 by default) and reach no further than the 10,000th: narrow "
                    + "the search instead of paging deeper. The answer has the total count.")
    @ApiResponse(responseCode = "200", description = "A page of products")
    @ApiResponse(responseCode = "400",
            description = "A parameter is invalid, minPrice is above maxPrice, or the page lies past the 10,000th "
                    + "product (problem+json naming it)")
    PageOf<ProductView> search(@Valid @ParameterObject SearchProducts query) {
        return handler.search(query).map(ProductView::of);
    }
}
