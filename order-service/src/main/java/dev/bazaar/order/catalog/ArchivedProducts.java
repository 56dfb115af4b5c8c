package dev.bazaar.order.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** Products catalog still knows but no longer sells: refused before any stock is held. */
public class ArchivedProducts extends ProblemException {

    private final List<UUID> productIds;

    public ArchivedProducts(List<UUID> productIds) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "product-archived", "Product archived",
                "Some lines name products that are no longer sold: " + productIds + "; nothing was ordered.");
        this.productIds = List.copyOf(productIds);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("productIds", productIds);
    }
}
