package dev.bazaar.identity.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as the REST API shows them: never the password hash. */
public record UserView(
        UUID id,
        String email,
        String displayName,
        List<Role> roles,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    public static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.displayName(),
                user.roles().stream().sorted().toList(), user.enabled(), user.createdAt(), user.updatedAt());
    }
}
