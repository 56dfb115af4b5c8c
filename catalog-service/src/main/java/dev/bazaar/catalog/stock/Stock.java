package dev.bazaar.catalog.stock;

/**
 * A product's units in three buckets: on sale now, held for unpaid orders, and sold.
 * Together they always equal the sum of every adjustment ever made.
 */
public record Stock(int available, int reserved, int sold) {
}
