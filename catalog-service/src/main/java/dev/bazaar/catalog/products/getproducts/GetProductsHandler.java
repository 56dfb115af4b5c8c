package dev.bazaar.catalog.products.getproducts;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.defaults.problem.BadRequest;

/** Prices and availability for checkout, in the order asked; all known or none. */
@Service
public class GetProductsHandler {

    public static final int MAX_IDS = 100;

    private final ProductRepository products;

    GetProductsHandler(ProductRepository products) {
        this.products = products;
    }

    @Transactional(readOnly = true)
    public List<CheckoutProductView> get(List<UUID> ids) {
        if (ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new BadRequest("between 1 and " + MAX_IDS + " product ids are required");
        }
        Map<UUID, Product> found = products.findAll(ids).stream()
                .collect(Collectors.toMap(Product::id, Function.identity()));
        List<UUID> missing = ids.stream().filter(id -> !found.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new ProductNotFound(missing);
        }
        return ids.stream().map(found::get).map(CheckoutProductView::of).toList();
    }
}
