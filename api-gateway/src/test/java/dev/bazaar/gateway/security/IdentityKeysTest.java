package dev.bazaar.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import com.nimbusds.jose.jwk.RSAKey;

import dev.bazaar.gateway.SigningKeys;
import dev.bazaar.gateway.routing.HostAddresses;
import dev.bazaar.gateway.config.SecurityProperties;
import dev.bazaar.testsupport.TestTokens;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How the gateway's token decoder follows identity's JWKS, against a JWKS in the test. */
class IdentityKeysTest {

    private final SigningKeys jwks = SigningKeys.start();
    private final RSAKey current = SigningKeys.newKey();
    private IdentityKeys keys;

    @AfterEach
    void stop() {
        keys.stop();
    }

    @Test
    void fetchesTheJwksAtMostOncePerCooldownForTokensNamingUnknownKeys() {
        jwks.publish(current);
        ReactiveJwtDecoder decoder = decoder(Duration.ofHours(1), Duration.ofSeconds(30));
        decoder.decode(SigningKeys.customerToken(current)).block();
        int before = jwks.fetches();

        // a flood of tokens under made-up key ids, as an attacker would send them
        List<Boolean> refused = Flux.range(0, 50)
                .flatMap(i -> decoder.decode(SigningKeys.customerToken(current, "made-up-" + i))
                        .map(jwt -> false)
                        .onErrorResume(BadJwtException.class, e -> Mono.just(true)))
                .collectList().block();

        assertThat(refused).hasSize(50).containsOnly(true);
        assertThat(jwks.fetches() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void acceptsATokenOfAKeyPublishedAfterTheLastReadAtOnce() {
        jwks.publish(current);
        ReactiveJwtDecoder decoder = decoder(Duration.ofHours(1), Duration.ofSeconds(30));
        decoder.decode(SigningKeys.customerToken(current)).block();
        RSAKey next = SigningKeys.newKey();

        jwks.publish(next);

        assertThat(decoder.decode(SigningKeys.customerToken(next)).block().getClaimAsStringList("roles"))
                .containsExactly("CUSTOMER");
    }

    @Test
    void refusesATokenOfAWithdrawnKeyAfterTheNextRefresh() {
        jwks.publish(current);
        ReactiveJwtDecoder decoder = decoder(Duration.ofMillis(300), Duration.ofSeconds(30));
        String token = SigningKeys.customerToken(current);
        decoder.decode(token).block();

        jwks.withdraw(current);

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThatThrownBy(() -> decoder.decode(token).block())
                .isInstanceOf(BadJwtException.class));
    }

    @Test
    void keepsTheLastKeysWhileTheJwksCannotBeRead() {
        jwks.publish(current);
        ReactiveJwtDecoder decoder = decoder(Duration.ofMillis(200), Duration.ofSeconds(30));
        String token = SigningKeys.customerToken(current);
        decoder.decode(token).block();

        jwks.failing(true);
        int failedReads = jwks.fetches() + 2;
        await().atMost(Duration.ofSeconds(5)).until(() -> jwks.fetches() >= failedReads);

        assertThat(decoder.decode(token).block()).isNotNull();
    }

    @Test
    void readsTheKeysFromAnotherIdentityInstanceWhenOneIsDown() {
        SigningKeys stopped = SigningKeys.start();
        stopped.stop();
        jwks.publish(current);
        ReactiveJwtDecoder decoder = decoder(Duration.ofHours(1), Duration.ofMillis(0), stopped, jwks);

        // every token under a key not seen yet makes a read, whichever instance's turn it is
        for (int i = 0; i < 3; i++) {
            RSAKey next = SigningKeys.newKey();
            jwks.publish(next);
            assertThat(decoder.decode(SigningKeys.customerToken(next)).block().getClaimAsStringList("roles"))
                    .containsExactly("CUSTOMER");
        }
    }

    @Test
    void goesOnToTheNextIdentityInstanceAtOnceWhenOneAnswers5xxAndPassesItOverForAWhile() {
        SigningKeys failing = SigningKeys.start();
        failing.failing(true);
        jwks.publish(current);
        ReactiveJwtDecoder decoder = decoder(Duration.ofHours(1), Duration.ofMillis(0), failing, jwks);
        decoder.decode(SigningKeys.customerToken(current)).block();
        int failedReadsBefore = failing.fetches();

        // each token under a key not seen yet makes a read; the instance that answered 503 is skipped
        for (int i = 0; i < 3; i++) {
            RSAKey next = SigningKeys.newKey();
            jwks.publish(next);
            assertThat(decoder.decode(SigningKeys.customerToken(next)).block()).isNotNull();
        }

        assertThat(failing.fetches() - failedReadsBefore).isLessThanOrEqualTo(1);
    }

    private ReactiveJwtDecoder decoder(Duration refresh, Duration cooldown) {
        return decoder(refresh, cooldown, jwks);
    }

    private ReactiveJwtDecoder decoder(Duration refresh, Duration cooldown, SigningKeys... instances) {
        List<URI> urls = java.util.Arrays.stream(instances).map(instance -> URI.create(instance.jwkSetUri())).toList();
        SecurityProperties security = new SecurityProperties(URI.create(TestTokens.ISSUER), urls,
                List.of(TestTokens.AUDIENCE), refresh, cooldown);
        IdentityInstances identity = new IdentityInstances(security.jwkSetUri(), HostAddresses.system(),
                IdentityInstances.SKIP_FOR, Clock.systemUTC());
        keys = new IdentityKeys(WebClient.create(), identity, security.jwksRefresh(), security.jwksRefetchGap(),
                Clock.systemUTC());
        keys.start();
        return AccessTokens.decoder(keys, security);
    }
}
