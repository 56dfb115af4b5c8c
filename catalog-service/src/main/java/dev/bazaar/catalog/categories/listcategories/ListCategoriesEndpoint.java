package dev.bazaar.catalog.categories.listcategories;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.catalog.categories.CategoryRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Categories")
class ListCategoriesEndpoint {

    record CategoryView(UUID id, String slug, String name, String description, long productCount) {
    }

    private final CategoryRepository categories;

    ListCategoriesEndpoint(CategoryRepository categories) {
        this.categories = categories;
    }

    @GetMapping("/api/catalog/categories")
    @Operation(summary = "All categories, by name, with the number of products on sale in each")
    List<CategoryView> list() {
        return categories.findAllWithCounts().stream()
                .map(c -> new CategoryView(c.category().id(), c.category().slug(), c.category().name(),
                        c.category().description(), c.productCount()))
                .toList();
    }
}
