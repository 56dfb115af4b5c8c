package dev.bazaar.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private final Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final MovableClock clock = new MovableClock(now);
    private final CountingVerifier verifier = new CountingVerifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void verifiesATokenOnceWhileItIsValid() {
        verifier.accept("service-token", now.plus(Duration.ofMinutes(5)));

        for (int call = 0; call < 100; call++) {
            assertThat(tokens.decode("service-token").getSubject()).isEqualTo("service-token");
        }

        assertThat(verifier.verified("service-token")).isEqualTo(1);
    }

    @Test
    void verifiesAgainOnceTheTokenHasExpiredSoAnExpiredTokenIsRefused() {
        verifier.accept("short-lived", now.plus(Duration.ofMinutes(5)));
        tokens.decode("short-lived");

        clock.moveTo(now.plus(Duration.ofMinutes(5)));
        verifier.refuse("short-lived");

        assertThatThrownBy(() -> tokens.decode("short-lived")).isInstanceOf(BadJwtException.class);
        assertThat(verifier.verified("short-lived")).isEqualTo(2);
    }

    @Test
    void neverRemembersARefusedToken() {
        verifier.refuse("forged");

        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifier.verified("forged")).isEqualTo(3);
        assertThat(tokens.remembered()).isZero();
    }

    @Test
    void remembersAtMostItsCapacity() {
        for (int i = 0; i < VerifiedTokens.CAPACITY * 3; i++) {
            verifier.accept("token-" + i, now.plus(Duration.ofMinutes(5)));
            tokens.decode("token-" + i);
        }

        assertThat(tokens.remembered()).isLessThanOrEqualTo(VerifiedTokens.CAPACITY);
    }

    @Test
    void forgetsTheTokensOfKeysThatLeftAndThoseNamingNoKey() {
        verifier.accept("kid-a.token", now.plus(Duration.ofMinutes(5)));
        verifier.accept("kid-b.token", now.plus(Duration.ofMinutes(5)));
        verifier.accept("no-kid", now.plus(Duration.ofMinutes(5)));
        tokens.decode("kid-a.token");
        tokens.decode("kid-b.token");
        tokens.decode("no-kid");

        tokens.forget(java.util.Set.of("kid-a"));

        assertThat(tokens.remembered()).isEqualTo(1);
        verifier.refuse("kid-a.token");
        assertThatThrownBy(() -> tokens.decode("kid-a.token")).isInstanceOf(BadJwtException.class);
        tokens.decode("kid-b.token");
        assertThat(verifier.verified("kid-b.token")).isEqualTo(1);
    }

    /** Stands in for the signature, issuer and audience checks: accepts what it was told to. */
    private static final class CountingVerifier implements JwtDecoder {

        private final Map<String, Instant> accepted = new HashMap<>();
        private final Map<String, Integer> calls = new HashMap<>();

        void accept(String token, Instant expiresAt) {
            accepted.put(token, expiresAt);
        }

        void refuse(String token) {
            accepted.remove(token);
        }

        int verified(String token) {
            return calls.getOrDefault(token, 0);
        }

        @Override
        public Jwt decode(String token) {
            calls.merge(token, 1, Integer::sum);
            Instant expiresAt = accepted.get(token);
            if (expiresAt == null) {
                throw new BadJwtException("not valid");
            }
            Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256");
            if (token.startsWith("kid-")) {
                jwt.header("kid", token.substring(0, token.indexOf('.')));
            }
            return jwt.subject(token)
                    .issuedAt(expiresAt.minus(Duration.ofMinutes(5))).expiresAt(expiresAt).build();
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void moveTo(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
