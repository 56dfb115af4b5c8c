package dev.bazaar.catalog.products.updateproduct;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.categories.CategoryNotFound;
import dev.bazaar.catalog.categories.CategoryRepository;
import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductEvents;
import dev.bazaar.catalog.products.ProductNotFound;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.messaging.Outbox;

@Service
class UpdateProductHandler {

    private final ProductRepository products;
    private final CategoryRepository categories;
    private final Outbox outbox;

    UpdateProductHandler(ProductRepository products, CategoryRepository categories, Outbox outbox) {
        this.products = products;
        this.categories = categories;
        this.outbox = outbox;
    }

    @Transactional
    Product update(UUID id, UpdateProduct command) {
        categories.findById(command.categoryId()).orElseThrow(() -> new CategoryNotFound(command.categoryId()));
        long version = products.updateDetails(id, command.name().strip(),
                        command.description() == null ? "" : command.description().strip(),
                        command.brand() == null ? "" : command.brand().strip(), command.categoryId(), command.imageUrl())
                .orElseThrow(() -> new ProductNotFound(id));
        Product product = products.get(id);
        outbox.append(ProductEvents.UPDATED, id.toString(), version, new ProductEvents.Updated(id, product.name(),
                product.description(), product.brand(), product.category().id(), product.imageUrl(), product.status()));
        return product;
    }
}
