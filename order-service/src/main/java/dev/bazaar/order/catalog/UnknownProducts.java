package dev.bazaar.order.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

public class UnknownProducts extends ProblemException {

    private final List<UUID> productIds;

    public UnknownProducts(List<UUID> productIds) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-product", "Unknown product",
                "Some lines name products that do not exist.");
        this.productIds = List.copyOf(productIds);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("productIds", productIds);
    }
}
