package dev.bazaar.gateway.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.function.client.WebClient;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The signing keys identity publishes in its JWKS, as the gateway last read them. Read again
 * every {@code refresh} and replaced as a whole, so a key identity withdrew is refused from the
 * next read on; read at once when a token names a key not in the last read (identity may just
 * have rotated), but at most once per {@code cooldown} for that reason, so tokens with made-up
 * key ids cannot make the gateway hammer identity. Concurrent reads are one request. A read goes
 * to any identity instance that answers ({@link IdentityInstances}); when none does, the keys of
 * the last good read are kept.
 */
public final class IdentityKeys implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdentityKeys.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient web;
    private final IdentityInstances jwks;
    private final Duration refresh;
    private final Duration cooldown;
    private final Clock clock;

    private final AtomicReference<@Nullable JWKSet> current = new AtomicReference<>();
    private final AtomicReference<@Nullable Mono<JWKSet>> inFlight = new AtomicReference<>();
    private final AtomicReference<Instant> lastUnknownKeyFetch = new AtomicReference<>(Instant.MIN);
    private volatile @Nullable Disposable schedule;

    public IdentityKeys(WebClient web, IdentityInstances jwks, Duration refresh, Duration cooldown, Clock clock) {
        this.web = web;
        this.jwks = jwks;
        this.refresh = refresh;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** The published keys that may have signed a token with this header; empty if none. */
    public Mono<List<JWK>> candidates(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        JWKSet keys = current.get();
        List<JWK> found = keys == null ? List.of() : selector.select(keys);
        String keyId = header.getKeyID();
        // nothing read yet (identity was away at start), or a key id the last read did not have
        boolean unknown = keys == null || found.isEmpty() && keyId != null && keys.getKeyByKeyId(keyId) == null;
        if (!unknown) {
            return Mono.just(found);
        }
        Mono<JWKSet> running = inFlight.get();
        if (running == null && mayFetchForUnknownKey()) {
            running = fetch();
        } else if (running == null) {
            // within the cooldown, unless another caller's read has just begun
            running = inFlight.get();
        }
        if (running != null) {
            return running.map(selector::select);
        }
        return keys == null ? Mono.error(unavailable(null)) : Mono.just(found);
    }

    private boolean mayFetchForUnknownKey() {
        Instant now = clock.instant();
        Instant last = lastUnknownKeyFetch.get();
        return !now.isBefore(last.plus(cooldown)) && lastUnknownKeyFetch.compareAndSet(last, now);
    }

    /** One read of the JWKS at a time: a caller arriving while one runs gets its result. */
    private Mono<JWKSet> fetch() {
        while (true) {
            Mono<JWKSet> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Mono<JWKSet>> self = new AtomicReference<>();
            // any identity instance will do: they all publish the same keys from identity's database
            Mono<JWKSet> read = jwks.call(url -> web.get().uri(url).retrieve().bodyToMono(String.class)
                            .timeout(FETCH_TIMEOUT))
                    .map(IdentityKeys::parse)
                    .doOnNext(this::replace)
                    .onErrorMap(e -> !(e instanceof IllegalStateException), IdentityKeys::unavailable)
                    .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                    .cache();
            self.set(read);
            if (inFlight.compareAndSet(null, read)) {
                return read;
            }
        }
    }

    private void replace(JWKSet keys) {
        JWKSet before = current.getAndSet(keys);
        List<String> ids = keyIds(keys);
        if (before == null || !keyIds(before).equals(ids)) {
            log.atInfo().addKeyValue("jwkSetUris", jwks.urls()).addKeyValue("keyIds", ids)
                    .log("identity's signing keys read");
        }
    }

    private static List<String> keyIds(JWKSet keys) {
        return keys.getKeys().stream().map(JWK::getKeyID).sorted().toList();
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("identity's JWKS is not a JWK set", e);
        }
    }

    private static IllegalStateException unavailable(@Nullable Throwable cause) {
        return cause instanceof IllegalStateException state ? state
                : new IllegalStateException("identity's signing keys could not be read", cause);
    }

    @Override
    public void start() {
        // the first read begins before any request, so early requests wait for it rather than
        // spending the cooldown; a slow read delays the next tick rather than piling up
        schedule = Flux.concat(Mono.just(0L), Flux.interval(refresh, refresh).onBackpressureDrop())
                .concatMap(tick -> fetch().onErrorResume(e -> {
                    log.atWarn().addKeyValue("jwkSetUris", jwks.urls())
                            .addKeyValue("cause", e.getCause() != null ? e.getCause().toString() : e.toString())
                            .log("identity's signing keys could not be read; keeping the last ones");
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
