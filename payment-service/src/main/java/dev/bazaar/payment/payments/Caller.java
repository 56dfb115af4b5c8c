package dev.bazaar.payment.payments;

import java.util.UUID;

import org.springframework.security.core.Authentication;

/** Who reads payments: a shopper sees their own, an admin sees all. */
public record Caller(UUID customerId, boolean admin) {

    public static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return new Caller(uuidOrNull(authentication.getName()), admin);
    }

    public boolean maySee(Payment payment) {
        return admin || payment.customerId().equals(customerId);
    }

    private static UUID uuidOrNull(String subject) {
        // a service token's subject is its client id: such a caller owns no payment
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
