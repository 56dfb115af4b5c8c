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
 * channels) does not land in the run's p99. Its orders are real and audited like the rest.
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
        System.out.printf("warmed up in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
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
