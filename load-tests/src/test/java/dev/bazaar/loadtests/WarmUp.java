package dev.bazaar.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A few requests down every path before the measured run, so that a service's first call
 * (class loading, the JIT, order-service fetching its service token and opening its gRPC
 * channels) does not land in the run's p99. Its orders (two placed directly, two through a cart) are
 * real and audited like the rest.
 */
final class WarmUp {

    private WarmUp() {
    }

    static void run(LoadProfile profile, Catalog catalog, Shoppers shoppers) {
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            String token = shoppers.next().token;
            get(http, profile.gateway() + "/api/catalog/products?inStock=true&q=" + Catalog.anySearchTerm().replace(" ", "%20"), token);
            get(http, profile.gateway() + "/api/catalog/products/" + catalog.anyProduct(), token);
            get(http, profile.gateway() + "/api/catalog/products?category=" + catalog.anyCategory(), token);
        }
        for (int i = 0; i < 2; i++) {
            int status = Shoppers.post(http, profile.gateway() + "/api/orders", """
                    {"lines": [{"productId": "%s", "quantity": 1}], "paymentToken": "tok_visa",
                     "shippingAddress": {"name": "Warm Up", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}}"""
                    .formatted(catalog.anyCheckoutProduct()), shoppers.next().token, UUID.randomUUID().toString());
            System.out.println("warm-up order: HTTP " + status);
        }
        for (int i = 0; i < 2; i++) {
            checkOutCart(http, profile, catalog, shoppers.next().token);
        }
        System.out.printf("warmed up in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The cart's path, as ShopperMix takes it: add a line, view the cart, check out at its version. */
    private static void checkOutCart(HttpClient http, LoadProfile profile, Catalog catalog, String token) {
        try {
            HttpResponse<Void> added = http.send(HttpRequest.newBuilder(URI.create(profile.gateway() + "/api/cart/lines/"
                    + catalog.anyCheckoutProduct())).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"quantity\": 1}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> viewed = http.send(HttpRequest.newBuilder(URI.create(profile.gateway() + "/api/cart"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> checkedOut = http.send(HttpRequest.newBuilder(URI.create(profile.gateway() + "/api/cart/checkout"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("If-Match", viewed.headers().firstValue("ETag").orElse("\"0\""))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"paymentToken": "tok_visa",
                             "shippingAddress": {"name": "Warm Up", "line1": "1 Main St", "city": "Berlin", "postalCode": "10115", "country": "DE"}}"""))
                    .build(), HttpResponse.BodyHandlers.discarding());
            System.out.printf("warm-up cart: add HTTP %d, view HTTP %d, check out HTTP %d%n", added.statusCode(),
                    viewed.statusCode(), checkedOut.statusCode());
        } catch (IOException e) {
            System.out.println("warm-up cart failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void get(HttpClient http, String url, String token) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            System.out.println("warm-up GET " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
