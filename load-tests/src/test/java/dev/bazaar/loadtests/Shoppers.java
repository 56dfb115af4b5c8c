package dev.bazaar.loadtests;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bazaar.testsupport.ShopperLogin;

/**
 * The shoppers of a run: registered through the gateway, each signed in through the real
 * login flow (authorization code + PKCE, {@link ShopperLogin}). The gateway limits
 * {@code POST /login} to 1/s per address (burst 5), so signing in is paced, and tokens
 * (5 minutes) are renewed in the background one shopper at a time, oldest first.
 */
final class Shoppers implements AutoCloseable {

    /** A signed-in shopper; the token changes when it is renewed. */
    static final class Shopper {
        final String email;
        final String password;
        volatile String token;
        volatile Instant signedInAt;
        /** Whether an arrival is filling or checking out this shopper's cart right now. */
        final AtomicBoolean cartInUse = new AtomicBoolean();

        Shopper(String email, String password) {
            this.email = email;
            this.password = password;
        }
    }

    private final List<Shopper> shoppers;
    private final ShopperLogin login;
    private final AtomicInteger next = new AtomicInteger();
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "token-renewal");
        t.setDaemon(true);
        return t;
    });

    private Shoppers(List<Shopper> shoppers, ShopperLogin login) {
        this.shoppers = shoppers;
        this.login = login;
    }

    /** Registers {@code count} new shoppers and signs each in; renews their tokens after {@code refreshAfter}. */
    static Shoppers register(String gateway, int count, Duration refreshAfter) {
        ShopperLogin login = ShopperLogin.to(URI.create(gateway));
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Shopper> shoppers = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            Shopper shopper = new Shopper("load-" + run + "-" + i + "@example.com", "Load-test-" + run + "-pw");
            String body = """
                    {"email": "%s", "password": "%s", "displayName": "Load shopper %d"}"""
                    .formatted(shopper.email, shopper.password, i);
            // registrations from one address have the sign-in budget (1/s): wait out its 429s
            int status = await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1100))
                    .until(() -> post(http, gateway + "/api/identity/register", body, null), answer -> answer != 429);
            if (status != 201) {
                throw new IllegalStateException("registering " + shopper.email + " answered " + status);
            }
            shoppers.add(shopper);
        }
        Shoppers pool = new Shoppers(shoppers, login);
        long started = System.nanoTime();
        shoppers.forEach(pool::signIn);
        System.out.printf("%d shoppers registered and signed in through %s in %d s%n", count, gateway,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        pool.renewal.scheduleWithFixedDelay(() -> pool.renewOldest(refreshAfter), 1, 1, TimeUnit.SECONDS);
        return pool;
    }

    /** The next shopper, in turn, so that each one's order budget (1/s at the gateway) is spent evenly. */
    Shopper next() {
        return shoppers.get(Math.floorMod(next.getAndIncrement(), shoppers.size()));
    }

    /**
     * The next shopper whose cart no arrival is using, claimed until {@link #releaseCart}; null when
     * every cart is in use. One arrival at a time per cart: a second one changing it in between
     * would make the first one's checkout a 412 (the cart moved past the version it viewed).
     */
    Shopper claimCart() {
        for (int tried = 0; tried < shoppers.size(); tried++) {
            Shopper shopper = next();
            if (shopper.cartInUse.compareAndSet(false, true)) {
                return shopper;
            }
        }
        return null;
    }

    static void releaseCart(Shopper shopper) {
        shopper.cartInUse.set(false);
    }

    int size() {
        return shoppers.size();
    }

    /** Signs in, waiting out the gateway's 429 for sign-ins from one address. */
    private void signIn(Shopper shopper) {
        await().atMost(Duration.ofMinutes(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1100))
                .until(() -> {
                    try {
                        shopper.token = login.accessToken(shopper.email, shopper.password);
                        shopper.signedInAt = Instant.now();
                        return true;
                    } catch (ShopperLogin.AuthorizationFailed e) {
                        if (e.status() == 429) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    private void renewOldest(Duration refreshAfter) {
        Shopper oldest = shoppers.stream().min(Comparator.comparing(s -> s.signedInAt)).orElseThrow();
        if (oldest.signedInAt.plus(refreshAfter).isAfter(Instant.now())) {
            return;
        }
        try {
            oldest.token = login.accessToken(oldest.email, oldest.password);
            oldest.signedInAt = Instant.now();
        } catch (RuntimeException e) {
            // a 429 or a slow sign-in under load: the old token is still valid, try again in a second
            System.err.println("renewing the token of " + oldest.email + " failed: " + e.getMessage());
        }
    }

    static int post(HttpClient http, String url, String json, String token) {
        return post(http, url, json, token, null);
    }

    static int post(HttpClient http, String url, String json, String token, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        renewal.shutdownNow();
    }
}
