package dev.bazaar.catalog.categories.listcategories;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.categories.CategoryRepository;
import dev.bazaar.catalog.products.ProductRepository;

/** Categories by name, each with how many of its products are on sale (archived ones are not). */
@Service
class ListCategoriesHandler {

    private final CategoryRepository categories;
    private final ProductRepository products;

    ListCategoriesHandler(CategoryRepository categories, ProductRepository products) {
        this.categories = categories;
        this.products = products;
    }

    @Transactional(readOnly = true)
    List<CategoryView> list() {
        Map<UUID, Long> onSale = products.countOnSaleByCategory();
        return categories.findAll().stream()
                .map(c -> new CategoryView(c.id(), c.slug(), c.name(), c.description(), onSale.getOrDefault(c.id(), 0L)))
                .toList();
    }
}
