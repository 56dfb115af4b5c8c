package dev.bazaar.catalog.products.searchproducts;

import dev.bazaar.defaults.web.PageDepth;
import dev.bazaar.defaults.web.PageRequest;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A shopper's product search: free text, filters, order and page. Pages reach no further
 * than the {@value PageRequest#MAX_DEPTH}th product ({@link PageDepth}): anyone may call
 * this, and every deeper offset costs Postgres a scan of the rows before it.
 */
@PageDepth
public record SearchProducts(
        @Parameter(description = "Words to search in name, brand and description; most relevant first", example = "wireless headphones")
        // Postgres text cannot hold NUL: refused here, not as a failing query
        @Size(max = 200) @Pattern(regexp = "[^\\x00]*", message = "must not contain the NUL character") String q,
        @Parameter(description = "Category slug, e.g. audio", example = "audio")
        @Pattern(regexp = "[a-z0-9-]{1,60}", message = "must be a category slug") String category,
        @Parameter(description = "Lowest price in minor units (cents)", example = "5000")
        @Min(0) @Max(100_000_000_00L) Long minPrice,
        @Parameter(description = "Highest price in minor units (cents)", example = "30000")
        @Min(0) @Max(100_000_000_00L) Long maxPrice,
        @Parameter(description = "Only products that can be ordered now", example = "true")
        Boolean inStock,
        @Parameter(description = "relevance (default with q), name, price, newest; add ',desc' or ',asc'",
                example = "price,asc")
        @Pattern(regexp = "(relevance|name|price|newest)(,(asc|desc))?",
                message = "must be relevance, name, price or newest, optionally followed by ,asc or ,desc")
        String sort,
        @Parameter(description = "Page number, from 0; (page + 1) × size at most 10,000", example = "0")
        @Min(0) @Max(PageRequest.MAX_PAGE) Integer page,
        @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
        @Min(1) @Max(PageRequest.MAX_SIZE) Integer size) {

    public PageRequest pageRequest() {
        return PageRequest.of(page, size);
    }

    public boolean hasText() {
        return q != null && !q.isBlank();
    }

    @AssertTrue(message = "minPrice must not be above maxPrice")
    @Parameter(hidden = true)
    public boolean isPriceRangeValid() {
        return minPrice == null || maxPrice == null || minPrice <= maxPrice;
    }
}
