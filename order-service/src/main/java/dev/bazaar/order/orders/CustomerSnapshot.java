package dev.bazaar.order.orders;

import java.util.UUID;

/** Who ordered, as identity knew them at that moment. */
public record CustomerSnapshot(UUID id, String email, String displayName) {
}
