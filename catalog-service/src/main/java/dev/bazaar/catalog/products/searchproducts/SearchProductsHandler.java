package dev.bazaar.catalog.products.searchproducts;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.defaults.web.PageOf;

/**
 * A shopper's search: most relevant first when there are words to search, by name
 * otherwise; relevance and newest run high to low unless asked the other way.
 */
@Service
class SearchProductsHandler {

    private final ProductRepository products;

    SearchProductsHandler(ProductRepository products) {
        this.products = products;
    }

    @Transactional(readOnly = true)
    PageOf<Product> search(SearchProducts query) {
        String sort = query.sort() == null ? (query.hasText() ? "relevance" : "name") : query.sort();
        String[] parts = sort.split(",");
        boolean descending = parts.length > 1
                ? parts[1].equals("desc")
                : parts[0].equals("relevance") || parts[0].equals("newest");
        return products.search(new ProductRepository.Search(query.q(), query.category(), query.minPrice(),
                query.maxPrice(), Boolean.TRUE.equals(query.inStock()), parts[0], descending,
                query.pageRequest().page(), query.pageRequest().size()));
    }
}
