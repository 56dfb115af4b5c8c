package dev.bazaar.defaults.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import dev.bazaar.defaults.peers.PeerUrls;

/**
 * The signing keys identity publishes at its JWKS, as this service knows them. Fetched again
 * every {@code refresh} (so a key identity revoked stops being accepted within it), and at
 * once when a token names a key id not known yet (identity began to sign with a new key), but
 * then at most once per {@code refetchGap}: tokens with made-up key ids cost identity one
 * request per gap, not one each. A failed fetch keeps the keys known so far. When keys leave
 * the JWKS, the listeners hear their ids, so what was verified with them is forgotten too.
 * With several identity instances, each fetch goes to any of them that answers ({@link PeerUrls}):
 * they all publish the same keys from identity's database.
 */
public final class IdentityKeys implements JWKSource<SecurityContext>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdentityKeys.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private record Known(JWKSet keys, long generation) {
    }

    private final PeerUrls jwkSetUri;
    private final Duration refresh;
    private final Duration refetchGap;
    private final Clock clock;
    private final HttpClient http;
    private final List<Consumer<Set<String>>> whenKeysLeave = new CopyOnWriteArrayList<>();
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Known known;
    private Instant lastUnknownKey;
    private Instant lastFailure;
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> schedule;

    public IdentityKeys(URI jwkSetUri, Duration refresh, Duration refetchGap, Clock clock) {
        this(PeerUrls.of(List.of(jwkSetUri)), refresh, refetchGap, clock);
    }

    /** @param jwkSetUri the JWKS of every identity instance */
    public IdentityKeys(PeerUrls jwkSetUri, Duration refresh, Duration refetchGap, Clock clock) {
        this.jwkSetUri = jwkSetUri;
        this.refresh = refresh;
        this.refetchGap = refetchGap;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    }

    /** Called with the ids of the keys that were known and are no longer published. */
    public void whenKeysLeave(Consumer<Set<String>> listener) {
        whenKeysLeave.add(listener);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws RemoteKeySourceException {
        Known seen = known;
        if (seen != null) {
            List<JWK> keys = selector.select(seen.keys());
            if (!keys.isEmpty()) {
                return keys;
            }
        }
        return selector.select(fetchOnDemand(seen).keys());
    }

    /** Fetches the JWKS now; on failure keeps the keys known so far. Runs every {@code refresh}. */
    public void refresh() {
        fetching.lock();
        try {
            fetch();
        } catch (RemoteKeySourceException e) {
            log.atWarn().addKeyValue("jwkSetUri", jwkSetUri.urls()).addKeyValue("error", e.getMessage())
                    .log("JWKS refresh failed; keeping the keys known so far");
        } finally {
            fetching.unlock();
        }
    }

    /**
     * A fetch because a token names a key not known, or none is known yet. Skipped when another
     * thread fetched meanwhile; for an unknown key also when the last such fetch is less than a
     * gap ago; for the first keys when the last attempt failed less than a gap ago.
     */
    private Known fetchOnDemand(Known seen) throws RemoteKeySourceException {
        fetching.lock();
        try {
            Known now = known;
            if (now != null && (seen == null || now.generation() != seen.generation())) {
                return now;
            }
            Instant at = clock.instant();
            if (now == null) {
                if (lastFailure != null && at.isBefore(lastFailure.plus(refetchGap))) {
                    throw new RemoteKeySourceException("identity's JWKS was unreachable moments ago", null);
                }
                try {
                    return fetch();
                } catch (RemoteKeySourceException e) {
                    lastFailure = at;
                    throw e;
                }
            }
            if (lastUnknownKey != null && at.isBefore(lastUnknownKey.plus(refetchGap))) {
                return now;
            }
            lastUnknownKey = at;
            try {
                return fetch();
            } catch (RemoteKeySourceException e) {
                log.atWarn().addKeyValue("jwkSetUri", jwkSetUri.urls()).addKeyValue("error", e.getMessage())
                        .log("JWKS fetch for an unknown key failed; keeping the keys known so far");
                return now;
            }
        } finally {
            fetching.unlock();
        }
    }

    /** Under {@link #fetching}. */
    private Known fetch() throws RemoteKeySourceException {
        JWKSet keys = download();
        Known before = known;
        Known after = new Known(keys, before == null ? 1 : before.generation() + 1);
        known = after;
        if (before != null) {
            Set<String> left = idsOf(before.keys());
            left.removeAll(idsOf(keys));
            if (!left.isEmpty()) {
                log.atInfo().addKeyValue("keyIds", left).log("signing keys left identity's JWKS");
                whenKeysLeave.forEach(listener -> listener.accept(Set.copyOf(left)));
            }
        }
        return after;
    }

    private JWKSet download() throws RemoteKeySourceException {
        try {
            HttpResponse<String> response = jwkSetUri.send(http, url -> HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RemoteKeySourceException("identity's JWKS answered " + response.statusCode(), null);
            }
            return JWKSet.parse(response.body());
        } catch (IOException | ParseException e) {
            throw new RemoteKeySourceException("identity's JWKS cannot be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteKeySourceException("interrupted while fetching identity's JWKS", e);
        }
    }

    private static Set<String> idsOf(JWKSet keys) {
        Set<String> ids = new HashSet<>();
        // a key without an id cannot be told from another: it counts as "" so its leaving is seen
        keys.getKeys().forEach(key -> ids.add(Objects.requireNonNullElse(key.getKeyID(), "")));
        return ids;
    }

    @Override
    public synchronized void start() {
        if (schedule != null) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("jwks-refresh-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        schedule = scheduler.scheduleWithFixedDelay(this::refresh, clock.instant().plus(refresh), refresh);
    }

    @Override
    public synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
            scheduler.shutdown();
            schedule = null;
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }
}
