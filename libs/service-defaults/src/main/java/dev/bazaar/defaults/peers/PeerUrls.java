package dev.bazaar.defaults.peers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * One HTTP endpoint of a peer that runs as several instances (identity's JWKS, its token
 * endpoint), one URL per instance. Requests take the instances in turn; a request that cannot
 * connect, times out or gets a 5xx goes on to the next instance at once, and the instance that
 * failed is passed over for {@code skipFor}, then tried again. When every instance failed
 * lately they are all tried anyway, soonest back first: a peer that is back is found at once,
 * not after the pause.
 * <p>
 * Each URL counts as one instance. A host name that resolves to several addresses is left to
 * the platform that made it so (a Kubernetes Service, Docker's DNS): the JDK's client connects
 * to one of them, and a failed connection moves on to the next URL here.
 */
public final class PeerUrls {

    private static final Logger log = LoggerFactory.getLogger(PeerUrls.class);

    /** How long an instance that failed is passed over when another can be asked. */
    public static final Duration SKIP_FOR = Duration.ofSeconds(5);

    private final List<URI> urls;
    private final Duration skipFor;
    private final Clock clock;
    private final AtomicInteger turn = new AtomicInteger();
    private final ConcurrentHashMap<URI, Instant> failedUntil = new ConcurrentHashMap<>();

    public PeerUrls(List<URI> urls, Duration skipFor, Clock clock) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("a peer needs at least one URL");
        }
        this.urls = List.copyOf(urls);
        this.skipFor = skipFor;
        this.clock = clock;
    }

    public static PeerUrls of(List<URI> urls) {
        return new PeerUrls(urls, SKIP_FOR, Clock.systemUTC());
    }

    public List<URI> urls() {
        return urls;
    }

    /**
     * Sends the request to one instance after another until one answers below 500.
     *
     * @param request the request for one instance's URL
     * @return the first answer below 500, or else the last 5xx answer
     * @throws IOException the last instance's failure, when no instance answered at all
     */
    public <T> HttpResponse<T> send(HttpClient http, Function<URI, HttpRequest> request,
            HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        HttpResponse<T> lastAnswer = null;
        IOException lastFailure = null;
        for (URI url : inTurn()) {
            try {
                HttpResponse<T> response = http.send(request.apply(url), body);
                if (response.statusCode() < 500) {
                    answered(url);
                    return response;
                }
                failed(url, "answered " + response.statusCode());
                lastAnswer = response;
            } catch (IOException e) {
                failed(url, String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                lastFailure = e;
            }
        }
        if (lastAnswer != null) {
            return lastAnswer;
        }
        throw lastFailure;
    }

    /** The order to try the instances for one request: the next healthy ones in turn, then those failed lately. */
    List<URI> inTurn() {
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

    private void failed(URI url, String reason) {
        Instant before = failedUntil.put(url, clock.instant().plus(skipFor));
        if (before == null) {
            log.atWarn().addKeyValue("url", url).addKeyValue("reason", reason).addKeyValue("skipForMs", skipFor.toMillis())
                    .log("peer instance failed; the next one is asked");
        }
    }

    private void answered(URI url) {
        if (failedUntil.remove(url) != null) {
            log.atInfo().addKeyValue("url", url).log("peer instance answers again");
        }
    }
}
