package dev.bazaar.catalog.stock;

import java.util.UUID;

/** A line that cannot be served: how many were asked for and how many are there. */
public record ShortLine(UUID productId, int requested, int available) {
}
