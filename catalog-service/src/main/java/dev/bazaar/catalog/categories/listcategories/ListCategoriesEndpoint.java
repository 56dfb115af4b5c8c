package dev.bazaar.catalog.categories.listcategories;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Categories")
class ListCategoriesEndpoint {

    private final ListCategoriesHandler handler;

    ListCategoriesEndpoint(ListCategoriesHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/catalog/categories")
    @Operation(summary = "All categories, by name, with the number of products on sale in each",
            description = "Public: no sign-in. Every category is listed, also one with nothing on sale (count 0); "
                    + "archived products are not counted. The slug is what GET /api/catalog/products takes as "
                    + "category. The list is short and not paged.")
    @ApiResponse(responseCode = "200", description = "Every category, by name")
    List<CategoryView> list() {
        return handler.list();
    }
}
