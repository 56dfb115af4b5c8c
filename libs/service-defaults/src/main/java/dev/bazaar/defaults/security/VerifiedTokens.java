package dev.bazaar.defaults.security;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A token's signature, issuer and audience are the same on every call it comes with, so a
 * token that passed them is taken from here until it expires instead of being parsed and
 * RSA-verified again: a service token comes with every gRPC call for its whole lifetime, and
 * verifying it was the larger part of a cheap call's CPU. Expiry is checked on every use; a
 * token that fails is never kept. At most {@value #CAPACITY} tokens (a few minutes' callers):
 * past that the memory is dropped and rebuilt by the next calls.
 * <p>
 * A token is only as good as the key that signed it: when keys leave identity's JWKS
 * ({@link IdentityKeys#whenKeysLeave}), {@link #forget} drops every token they signed, so a
 * revoked key's tokens are refused from then on, remembered or not.
 */
public final class VerifiedTokens implements JwtDecoder {

    static final int CAPACITY = 1024;

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    public VerifiedTokens(JwtDecoder verifier) {
        this(verifier, Clock.systemUTC());
    }

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.get(token);
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return known;
        }
        if (known != null) {
            verified.remove(token, known);
        }
        Jwt jwt = verifier.decode(token);
        // a token without an end would stay forever; such tokens are refused elsewhere anyway
        if (jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Forgets the tokens signed by these keys (by {@code kid}), and those that name no key. */
    public void forget(Collection<String> keyIds) {
        // a token without a kid may have been signed by any key: it is verified again
        verified.values().removeIf(jwt -> {
            Object kid = jwt.getHeaders().get("kid");
            return kid == null || keyIds.contains(kid.toString());
        });
    }

    int remembered() {
        return verified.size();
    }
}
