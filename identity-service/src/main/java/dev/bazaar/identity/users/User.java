package dev.bazaar.identity.users;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A person who signs in to Bazaar. The id is the {@code sub} of every token issued to
 * them; the email is unique whatever its case.
 */
public record User(
        UUID id,
        String email,
        String displayName,
        String passwordHash,
        Set<Role> roles,
        boolean enabled,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public User {
        roles = Set.copyOf(roles);
    }
}
