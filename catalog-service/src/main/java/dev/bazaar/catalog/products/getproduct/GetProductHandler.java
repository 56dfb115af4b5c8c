package dev.bazaar.catalog.products.getproduct;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.catalog.products.Product;
import dev.bazaar.catalog.products.ProductRepository;

/** Archived products stay readable by id: order history links to them. */
@Service
class GetProductHandler {

    private final ProductRepository products;

    GetProductHandler(ProductRepository products) {
        this.products = products;
    }

    @Transactional(readOnly = true)
    Product get(UUID id) {
        return products.get(id);
    }
}
