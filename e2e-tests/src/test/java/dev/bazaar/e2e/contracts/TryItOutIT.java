package dev.bazaar.e2e.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.bazaar.testsupport.ShopperLogin;
import io.restassured.response.Response;

/**
 * Swagger UI's "Try it out", unedited: one pass over every operation of the four documents the
 * gateway serves ({@code /v3/api-docs/{catalog,identity,order,payment}}), each sent with its
 * documented examples, every parameter and the body, and each answering the one success status
 * its document gives. The test fails on a parameter or body without an example, on an operation
 * in a document that the pass neither sends nor lists below, and on any other answer.
 *
 * <p>Runs against a system that is already running ({@code ./bazaar up}, dev profile, demo data),
 * and only when told to: {@code -Dbazaar.running=true}, with {@code bazaar.running.gateway} when
 * the gateway is not at http://localhost:8080.
 *
 * <p><b>Tokens</b>, from the operation's document: none where it has no security requirement;
 * where it has one, the admin's (admin@bazaar.dev) when its path is an admin path (a
 * {@code /admin/} segment: the "administration", "Signing keys" and "Dead letters" tags), else
 * alice's (alice@bazaar.dev), both signed in through the gateway as Swagger UI does.
 *
 * <p><b>Order</b> (create before read, each admin write on what the pass created, so the demo
 * data stays as it was):
 * <ol>
 * <li>catalog: list categories, search products, get a product, create a product (P), update P,
 * change P's price, adjust P's stock, get a demo product's stock, the dead letters (list, redrive),
 * archive P;</li>
 * <li>identity: register (U), me, search users, get U, change U's roles, disable U, enable U, the
 * dead letters;</li>
 * <li>cart (alice's, a guest's): create a guest cart (G), clear alice's cart, set a line, view the
 * cart, check out (order C), remove the line (by then a no-op), merge G into alice's cart;</li>
 * <li>orders: place an order (O), get O, O's history, alice's orders, every order (admin), the
 * dead letters;</li>
 * <li>payments: alice's payments of O (awaited until payment-service has taken O), get that
 * payment (Y), the dead letters;</li>
 * <li>cancel O (and, not counted, C: both orders' stock returns to the demo product);</li>
 * <li>last, so that no token the pass holds depends on it: rotate the signing keys, then revoke
 * the NEXT key the rotation published, a key that has signed nothing, so no token anyone holds
 * stops working.</li>
 * </ol>
 *
 * <p><b>What the pass puts in place of an example</b>: the ids of what it created, taken from the
 * creating answer: P ({@code id}) in the admin product writes; U ({@code id}) in the admin user
 * operations; G ({@code cartId}) as merge's {@code cartId}; O ({@code id}) as the order id and as
 * the payments' {@code orderId}; Y ({@code items[0].id} of the payments of O); the kid
 * ({@code nextKid} of the rotation); If-Match from the ETag of the cart answer before the
 * checkout. And Idempotency-Key, fresh each run: a key names one intended order, and the
 * documented key was spent by the first pass on the same database (it would replay that pass's
 * order, long cancelled).
 *
 * <p><b>Answers other than the documented success</b>, each asserted:
 * <ul>
 * <li>identity's redrive of dead letters: 404 unknown-queue, since identity consumes no events
 * and its example names no queue;</li>
 * <li>create a product, register: 409 sku-taken / email-taken where an earlier pass on the same
 * database created the example's SKU or email (never otherwise); the pass then sends the same
 * example with a run-unique SKU or email, which must answer 201, to have a P or U of its own.</li>
 * </ul>
 */
@EnabledIfSystemProperty(named = "bazaar.running", matches = "true|1|yes")
class TryItOutIT {

    static final String GATEWAY = System.getProperty("bazaar.running.gateway", "http://localhost:8080");
    static final List<String> SERVICES = List.of("catalog", "identity", "order", "payment");

    /** Operations that cannot answer their documented success, with what they answer instead. */
    static final Map<String, Integer> ANSWERS_INSTEAD = Map.of(
            "POST /api/identity/admin/dead-letters/{queue}/redrive", 404);

    private final Set<String> passed = new LinkedHashSet<>();
    private ApiDocuments documents;
    private String alice;
    private String admin;

    @Test
    void everyOperationAnswersItsDocumentedSuccessToItsOwnExamples() {
        documents = ApiDocuments.read(GATEWAY, SERVICES);
        assertThat(documents.withoutExamples()).as("parameters and bodies without an example").isEmpty();
        ShopperLogin login = ShopperLogin.to(URI.create(GATEWAY));
        alice = login.accessToken("alice@bazaar.dev", "Alice-dev-password-1");
        admin = login.accessToken("admin@bazaar.dev", "Dev-admin-password-1");
        String run = UUID.randomUUID().toString().substring(0, 8);

        // catalog
        pass("GET", "/api/catalog/categories");
        pass("GET", "/api/catalog/products");
        pass("GET", "/api/catalog/products/{id}");
        String product = createdOrTaken("POST", "/api/catalog/admin/products", "sku-taken",
                call -> call.bodyField("sku", "TRY-" + run)).path("id");
        pass("PUT", "/api/catalog/admin/products/{id}", call -> call.parameter("id", product));
        pass("PUT", "/api/catalog/admin/products/{id}/price", call -> call.parameter("id", product));
        pass("POST", "/api/catalog/admin/products/{id}/stock-adjustments", call -> call.parameter("id", product));
        pass("GET", "/api/catalog/admin/products/{id}/stock");
        deadLetters("catalog");
        pass("POST", "/api/catalog/admin/products/{id}/archive", call -> call.parameter("id", product));

        // identity
        String user = createdOrTaken("POST", "/api/identity/register", "email-taken",
                call -> call.bodyField("email", "try-" + run + "@example.com")).path("id");
        pass("GET", "/api/identity/me");
        pass("GET", "/api/identity/admin/users");
        pass("GET", "/api/identity/admin/users/{id}", call -> call.parameter("id", user));
        pass("PUT", "/api/identity/admin/users/{id}/roles", call -> call.parameter("id", user));
        pass("POST", "/api/identity/admin/users/{id}/disable", call -> call.parameter("id", user));
        pass("POST", "/api/identity/admin/users/{id}/enable", call -> call.parameter("id", user));
        deadLetters("identity");

        // cart
        String guestCart = pass("POST", "/api/carts").path("cartId");
        pass("DELETE", "/api/cart");
        pass("PUT", "/api/cart/lines/{productId}");
        String version = pass("GET", "/api/cart").header("ETag");
        String checkedOut = pass("POST", "/api/cart/checkout", call -> call.parameter("If-Match", version)
                .parameter("Idempotency-Key", "try-it-out-checkout-" + run)).path("id");
        pass("DELETE", "/api/cart/lines/{productId}");
        pass("POST", "/api/cart/merge", call -> call.bodyField("cartId", guestCart));

        // orders
        String order = pass("POST", "/api/orders",
                call -> call.parameter("Idempotency-Key", "try-it-out-order-" + run)).path("id");
        pass("GET", "/api/orders/{id}", call -> call.parameter("id", order));
        pass("GET", "/api/orders/{id}/history", call -> call.parameter("id", order));
        pass("GET", "/api/orders");
        pass("GET", "/api/admin/orders");
        deadLetters("order");

        // payments: payment-service takes the order from its event, a moment after the placement
        String payment = await("the payment of order " + order).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> pass("GET", "/api/payments", call -> call.parameter("orderId", order))
                        .path("items[0].id"), id -> id != null);
        pass("GET", "/api/payments/{id}", call -> call.parameter("id", payment));
        deadLetters("payment");

        pass("POST", "/api/orders/{id}/cancel", call -> call.parameter("id", order));
        pass("POST", "/api/orders/{id}/cancel", call -> call.parameter("id", checkedOut));

        // signing keys, last
        String next = pass("POST", "/api/identity/admin/keys/rotate").path("nextKid");
        pass("POST", "/api/identity/admin/keys/{kid}/revoke", call -> call.parameter("kid", next));

        Set<String> untouched = new LinkedHashSet<>();
        documents.all().forEach(operation -> untouched.add(operation.key()));
        untouched.removeAll(passed);
        assertThat(untouched).as("operations in the documents that the pass neither sent nor lists").isEmpty();
    }

    private Response pass(String method, String path) {
        return pass(method, path, UnaryOperator.identity());
    }

    /** Sends the operation's examples (with the substitutions) and asserts its documented success or listed answer. */
    private Response pass(String method, String path, UnaryOperator<ExampleCall> substitutions) {
        DocumentedOperation operation = documents.get(method, path);
        Response response = send(method, path, substitutions);
        int expected = ANSWERS_INSTEAD.getOrDefault(operation.key(), operation.documentedSuccess());
        assertThat(response.statusCode()).as(operation + " answered " + response.asString()).isEqualTo(expected);
        passed.add(operation.key());
        return response;
    }

    private Response send(String method, String path, UnaryOperator<ExampleCall> substitutions) {
        DocumentedOperation operation = documents.get(method, path);
        return substitutions.apply(ExampleCall.of(operation)).send(GATEWAY, tokenFor(operation));
    }

    /**
     * The example verbatim: the documented success, or 409 of {@code takenType} only where an earlier
     * pass on this database made the example's unique value; then again with {@code unique} in its place.
     */
    private Response createdOrTaken(String method, String path, String takenType, UnaryOperator<ExampleCall> unique) {
        DocumentedOperation operation = documents.get(method, path);
        Response verbatim = send(method, path, UnaryOperator.identity());
        passed.add(operation.key());
        if (verbatim.statusCode() == operation.documentedSuccess()) {
            return verbatim;
        }
        assertThat(verbatim.statusCode()).as(operation + " answered " + verbatim.asString()).isEqualTo(409);
        assertThat(verbatim.<String>path("type")).as(operation + ": the problem type").endsWith(":" + takenType);
        Response again = send(method, path, unique);
        assertThat(again.statusCode()).as(operation + " with a unique value answered " + again.asString())
                .isEqualTo(operation.documentedSuccess());
        return again;
    }

    private void deadLetters(String service) {
        String base = "/api/" + service + "/admin/dead-letters";
        documents.find("GET", base).ifPresent(list -> pass("GET", base));
        documents.find("POST", base + "/{queue}/redrive").ifPresent(redrive -> pass("POST", base + "/{queue}/redrive"));
    }

    private String tokenFor(DocumentedOperation operation) {
        if (!operation.secured()) {
            return null;
        }
        return operation.path().contains("/admin/") ? admin : alice;
    }
}
