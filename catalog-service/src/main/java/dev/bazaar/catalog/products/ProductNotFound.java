package dev.bazaar.catalog.products;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

public class ProductNotFound extends ProblemException {

    private final Collection<UUID> ids;

    public ProductNotFound(Collection<UUID> ids) {
        super(HttpStatus.NOT_FOUND, "product-not-found", "Product not found", "No product has id " + ids);
        this.ids = ids;
    }

    public ProductNotFound(UUID id) {
        this(java.util.List.of(id));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("productIds", ids);
    }
}
