package dev.bazaar.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.bazaar.gateway.routing.HostAddresses;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One endpoint of identity (its JWKS), one URL per instance. A call takes the instances in turn;
 * one that cannot connect, times out or answers 5xx makes the call go on to the next instance at
 * once, and is passed over for {@code skipFor}. When every instance failed lately they are all
 * tried anyway, soonest back first, so an identity that is back is found at once. A host name
 * with several addresses counts as that many instances ({@link HostAddresses}), looked up again
 * on every call.
 */
public final class IdentityInstances {

    private static final Logger log = LoggerFactory.getLogger(IdentityInstances.class);

    /** How long an instance that failed is passed over while another can be asked. */
    public static final Duration SKIP_FOR = Duration.ofSeconds(5);

    private final List<URI> configured;
    private final HostAddresses addresses;
    private final Duration skipFor;
    private final Clock clock;
    private final AtomicInteger turn = new AtomicInteger();
    private final ConcurrentHashMap<URI, Instant> failedUntil = new ConcurrentHashMap<>();

    public IdentityInstances(List<URI> urls, HostAddresses addresses, Duration skipFor, Clock clock) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("identity needs at least one URL");
        }
        this.configured = List.copyOf(urls);
        this.addresses = addresses;
        this.skipFor = skipFor;
        this.clock = clock;
    }

    public List<URI> urls() {
        return configured;
    }

    /**
     * The first instance's answer that is not a failure of that instance; else the last failure.
     * A 4xx is an answer (the next instance would say the same) and ends the call.
     */
    public <T> Mono<T> call(Function<URI, Mono<T>> attempt) {
        // a lookup may block: never on an event loop
        return Mono.fromCallable(this::inTurn).subscribeOn(Schedulers.boundedElastic())
                .flatMap(urls -> tryEach(urls, 0, attempt));
    }

    private <T> Mono<T> tryEach(List<URI> urls, int index, Function<URI, Mono<T>> attempt) {
        URI url = urls.get(index);
        return Mono.defer(() -> attempt.apply(url))
                .doOnNext(answer -> answered(url))
                .onErrorResume(IdentityInstances::instanceFailed, e -> {
                    failed(url, e);
                    return index + 1 < urls.size() ? tryEach(urls, index + 1, attempt) : Mono.error(e);
                });
    }

    private static boolean instanceFailed(Throwable e) {
        return !(e instanceof WebClientResponseException response) || response.getStatusCode().is5xxServerError();
    }

    /** The order to try the instances for one call: the next healthy ones in turn, then those failed lately. */
    List<URI> inTurn() {
        List<URI> urls = configured.stream().flatMap(url -> addresses.expand(url).stream()).distinct().toList();
        Instant now = clock.instant();
        int start = Math.floorMod(turn.getAndIncrement(), urls.size());
        List<URI> healthy = new ArrayList<>();
        List<URI> resting = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get((start + i) % urls.size());
            Instant until = failedUntil.get(url);
            (until == null || !now.isBefore(until) ? healthy : resting).add(url);
        }
        resting.sort(Comparator.comparing(url -> failedUntil.getOrDefault(url, Instant.MIN)));
        healthy.addAll(resting);
        return healthy;
    }

    private void failed(URI url, Throwable cause) {
        Instant before = failedUntil.put(url, clock.instant().plus(skipFor));
        if (before == null) {
            log.atWarn().addKeyValue("url", url).addKeyValue("cause", cause.toString())
                    .addKeyValue("skipForMs", skipFor.toMillis())
                    .log("identity instance failed; the next one is asked");
        }
    }

    private void answered(URI url) {
        if (failedUntil.remove(url) != null) {
            log.atInfo().addKeyValue("url", url).log("identity instance answers again");
        }
    }
}
