package dev.bazaar.catalog.products.createproduct;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

class SkuTaken extends ProblemException {

    SkuTaken(String sku) {
        super(HttpStatus.CONFLICT, "sku-taken", "SKU taken", "Another product already has SKU " + sku);
    }
}
