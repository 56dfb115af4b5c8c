package dev.bazaar.loadtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;

/**
 * What the shoppers of a run browse and buy, read from the catalog through the gateway
 * before the load starts: every product id, the category slugs, and the products kept in
 * stock for checkouts (restocked by an admin adjustment, which the books audit counts).
 */
record Catalog(List<String> productIds, List<String> categorySlugs, List<String> checkoutProductIds) {

    /** Words the demo catalog's names and descriptions use, so searches find something. */
    static final List<String> SEARCH_TERMS = List.of("wireless headphones", "laptop", "camera", "coffee", "tent",
            "board game", "novel", "backpack", "speaker", "watch", "lens", "running shoes", "skincare", "usb-c",
            "bluetooth", "kitchen", "puzzle", "jacket", "monitor", "drone");

    static Catalog read(LoadProfile profile, String adminToken) {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        List<String> stocked = new ArrayList<>();
        for (int page = 0; ; page++) {
            String body = get(http, profile.gateway() + "/api/catalog/products?size=100&sort=name&page=" + page);
            List<Map<String, Object>> items = JsonPath.read(body, "$.items");
            for (Map<String, Object> item : items) {
                String id = (String) item.get("id");
                ids.add(id);
                int available = ((Number) item.get("availableQuantity")).intValue();
                if (profile.restock() > 0 || available >= profile.minStock()) {
                    stocked.add(id);
                }
            }
            int totalPages = JsonPath.read(body, "$.totalPages");
            if (page + 1 >= totalPages) {
                break;
            }
        }
        List<String> slugs = JsonPath.read(get(http, profile.gateway() + "/api/catalog/categories"), "$[*].slug");
        List<String> checkout = stocked.subList(0, Math.min(30, stocked.size()));
        if (checkout.isEmpty()) {
            throw new IllegalStateException("no product has " + profile.minStock() + " units in stock to order");
        }
        if (profile.restock() > 0) {
            for (String id : checkout) {
                int status = Shoppers.post(http, profile.gateway() + "/api/catalog/admin/products/" + id
                        + "/stock-adjustments", "{\"delta\": " + profile.restock() + ", \"reason\": \"load test\"}",
                        adminToken);
                if (status / 100 != 2) {
                    throw new IllegalStateException("restocking " + id + " answered " + status);
                }
            }
        }
        System.out.printf("catalog: %d products, %d categories, %d kept for checkouts (restocked +%d each)%n",
                ids.size(), slugs.size(), checkout.size(), profile.restock());
        return new Catalog(List.copyOf(ids), List.copyOf(slugs), List.copyOf(checkout));
    }

    String anyProduct() {
        return productIds.get(ThreadLocalRandom.current().nextInt(productIds.size()));
    }

    String anyCategory() {
        return categorySlugs.get(ThreadLocalRandom.current().nextInt(categorySlugs.size()));
    }

    String anyCheckoutProduct() {
        return checkoutProductIds.get(ThreadLocalRandom.current().nextInt(checkoutProductIds.size()));
    }

    static String anySearchTerm() {
        return SEARCH_TERMS.get(ThreadLocalRandom.current().nextInt(SEARCH_TERMS.size()));
    }

    private static String get(HttpClient http, String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
