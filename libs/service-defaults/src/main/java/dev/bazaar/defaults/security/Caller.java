package dev.bazaar.defaults.security;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.security.core.Authentication;

/**
 * Who sent a request, as the object-level checks need it: a shopper sees only their own, an
 * admin (role {@code ADMIN}) and a service see all; a check that fails answers 404, never 403.
 * <p>
 * A user's token names the user's id as its subject. A service's client-credentials token
 * names its client id instead, so on REST such a caller is neither a user nor an admin: it
 * owns nothing and sees nothing. A service reads everything only where its scope let it in,
 * at a gRPC entry point, as {@link #service(String)}.
 *
 * @param subject   the token's subject: a user id, or a service's client id
 * @param userId    the user's id, or null when the subject is not one
 * @param isAdmin   whether the token carries role {@code ADMIN}
 * @param isService whether a service calls, admitted by its scope
 */
public record Caller(String subject, UUID userId, boolean isAdmin, boolean isService) {

    private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

    /** The caller of a REST request, from its verified token. */
    public static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(a -> ADMIN_AUTHORITY.equals(a.getAuthority()));
        String subject = authentication.getName();
        return new Caller(subject, uuidOrNull(subject), admin, false);
    }

    /** Another Bazaar service, by its client id, that its scope admitted. */
    public static Caller service(String clientId) {
        return new Caller(clientId, null, false, true);
    }

    /** Whether the token is a user's (a shopper's or an admin's own). */
    public boolean isUser() {
        return userId != null;
    }

    /** An admin or a service: no list is narrowed to its own. */
    public boolean seesAll() {
        return isAdmin || isService;
    }

    /** Whether this caller may see what belongs to {@code ownerId}. */
    public boolean maySee(UUID ownerId) {
        return seesAll() || (userId != null && userId.equals(ownerId));
    }

    /** The user's id, or {@code refusal} when the token is not a user's (e.g. a service token on REST). */
    public <X extends RuntimeException> UUID userIdOrElseThrow(Supplier<X> refusal) {
        if (userId == null) {
            throw refusal.get();
        }
        return userId;
    }

    private static UUID uuidOrNull(String subject) {
        try {
            return subject == null ? null : UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
