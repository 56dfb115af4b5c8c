package dev.bazaar.defaults.grpc;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import dev.bazaar.defaults.peers.PeerUrls;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client-credentials tokens for this service, fetched from identity and cached until
 * shortly before they expire, so a gRPC call costs no extra round trip. With several identity
 * instances, a fetch goes to any of them that answers ({@link PeerUrls}).
 */
public class ServiceTokens {

    private record Cached(String value, Instant refreshAt) {
    }

    private static final JsonMapper json = JsonMapper.builder().build();

    private final ServiceTokenProperties properties;
    private final HttpClient http;
    private final PeerUrls tokenUri;
    private final Clock clock;
    private volatile Cached cached;

    public ServiceTokens(ServiceTokenProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.tokenUri = PeerUrls.of(properties.tokenUri());
    }

    public String current() {
        Cached token = cached;
        if (token == null || !clock.instant().isBefore(token.refreshAt())) {
            synchronized (this) {
                token = cached;
                if (token == null || !clock.instant().isBefore(token.refreshAt())) {
                    token = fetch();
                    cached = token;
                }
            }
        }
        return token.value();
    }

    /**
     * A peer refused this token (UNAUTHENTICATED): its signing key may have been revoked. The
     * next call fetches a new one instead of sending the refused token until it expires. A token
     * refused after another call already replaced it changes nothing.
     */
    public void forget(String refused) {
        synchronized (this) {
            Cached token = cached;
            if (token != null && token.value().equals(refused)) {
                cached = null;
            }
        }
    }

    private Cached fetch() {
        String form = "grant_type=client_credentials"
                + (properties.scopes().isEmpty() ? ""
                        : "&scope=" + URLEncoder.encode(String.join(" ", properties.scopes()), StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString(
                (encode(properties.clientId()) + ":" + encode(properties.clientSecret())).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = tokenUri.send(http, url -> HttpRequest.newBuilder(url)
                    .timeout(properties.timeout())
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ServiceTokenUnavailable("token endpoint answered " + response.statusCode(), null);
            }
            JsonNode body = json.readTree(response.body());
            long expiresIn = body.path("expires_in").asLong(60);
            Instant refreshAt = clock.instant().plusSeconds(expiresIn).minus(properties.refreshBefore());
            return new Cached(body.path("access_token").asString(), refreshAt);
        } catch (java.io.IOException e) {
            throw new ServiceTokenUnavailable("token endpoint unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceTokenUnavailable("interrupted while fetching a token", e);
        }
    }

    private static String encode(String value) {
        // RFC 6749 2.3.1: client id and secret are form-encoded before Basic auth
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public static class ServiceTokenUnavailable extends RuntimeException {
        ServiceTokenUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
