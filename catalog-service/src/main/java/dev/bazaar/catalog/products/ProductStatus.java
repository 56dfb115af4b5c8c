package dev.bazaar.catalog.products;

public enum ProductStatus {
    ACTIVE,
    /** Off sale: hidden from search, refused by reservations, still readable by id. */
    ARCHIVED
}
