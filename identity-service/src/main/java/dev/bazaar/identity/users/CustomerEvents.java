package dev.bazaar.identity.users;

import java.util.UUID;

/** What identity tells the rest of Bazaar about its customers (payloads of identity.customer.*). */
public final class CustomerEvents {

    public static final String REGISTERED = "identity.customer.registered";

    private CustomerEvents() {
    }

    public record Registered(UUID customerId, String email, String displayName) {
    }
}
