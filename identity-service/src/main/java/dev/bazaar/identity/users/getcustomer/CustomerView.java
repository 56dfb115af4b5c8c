package dev.bazaar.identity.users.getcustomer;

import java.util.UUID;

/** What other services learn of a customer: never the roles or the password hash. */
public record CustomerView(UUID id, String email, String displayName, boolean enabled) {
}
