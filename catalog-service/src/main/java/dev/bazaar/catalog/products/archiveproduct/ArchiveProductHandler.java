package dev.bazaar.catalog.products.archiveproduct;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductEvents;
import dev.bazaar.catalog.products.ProductRepository;
import dev.bazaar.catalog.products.ProductStatus;
import dev.bazaar.messaging.Outbox;

/**
 * Takes a product off sale. Held units stay held (their orders may still be paid);
 * archiving twice changes nothing and emits nothing.
 */
@Service
class ArchiveProductHandler {

    private final ProductRepository products;
    private final Outbox outbox;

    ArchiveProductHandler(ProductRepository products, Outbox outbox) {
        this.products = products;
        this.outbox = outbox;
    }

    @Transactional
    Product archive(UUID id) {
        Product current = products.get(id);
        products.archive(id).ifPresent(version -> outbox.append(ProductEvents.UPDATED, id.toString(), version,
                new ProductEvents.Updated(id, current.name(), current.description(), current.brand(),
                        current.category().id(), current.imageUrl(), ProductStatus.ARCHIVED)));
        return products.get(id);
    }
}
