package dev.bazaar.order.orders.paymentoutcome;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.defaults.money.Money;
import dev.bazaar.order.OrderIntegrationTest;
import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderStore;

/**
 * A charge's success and the shopper's cancellation of one order, handled at the same moment
 * by two threads (as two consumers or two instances would): each is applied on the first try,
 * and the order ends in one of the outcomes DESIGN.md allows, never confirmed after cancelled
 * (a charge that succeeds after the cancellation is refunded by payment-service, which hears of
 * the cancellation).
 */
class PaymentOutcomeRacesIT extends OrderIntegrationTest {

    private static final int ORDERS = 12;

    @Autowired
    PaymentOutcomeHandler outcomes;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    OrderStore store;

    @Test
    void aSuccessAndACancellationAtOnceEndInALegalOutcome() throws Exception {
        List<String> outcomesSeen = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < ORDERS; i++) {
                String token = tokens.customer(UUID.randomUUID());
                UUID product = peers.product("Race Kettle", 2_000, 5);
                UUID orderId = UUID.fromString(place(token, "k-" + UUID.randomUUID(), orderJson(product, 1))
                        .then().statusCode(201).extract().path("id"));
                CyclicBarrier together = new CyclicBarrier(2);

                // as the inbox applies payment.payment.succeeded: in one transaction with its inbox row
                CompletableFuture<Void> success = CompletableFuture.runAsync(() -> {
                    await(together);
                    transaction.executeWithoutResult(tx -> outcomes.apply(new PaymentOutcome(PaymentOutcome.Kind.SUCCEEDED,
                            UUID.randomUUID(), orderId, Money.of(2_000, "EUR"), null)));
                }, threads);
                CompletableFuture<Integer> cancel = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return given().auth().oauth2(token).when().post("/api/orders/{id}/cancel", orderId)
                            .then().extract().statusCode();
                }, threads);

                success.get(20, TimeUnit.SECONDS);
                assertThat(cancel.get(20, TimeUnit.SECONDS)).as("the shopper's cancellation").isEqualTo(200);
                List<String> history = jdbc.sql("select type from order_events where order_id = ? order by version")
                        .param(orderId).query(String.class).list();
                assertThat(history).as("order %s", orderId).isIn(
                        List.of("Placed", "Cancelled"), List.of("Placed", "Confirmed", "Cancelled"));
                assertThat(announced(orderId, "order.order.confirmed")).as("confirmed is announced iff it happened")
                        .isEqualTo(history.contains("Confirmed") ? 1 : 0);
                assertThat(announced(orderId, "order.order.cancelled")).as("payment hears of the cancellation, to refund")
                        .isEqualTo(1);
                outcomesSeen.add(String.join(",", history));
            }
        }
        assertThat(outcomesSeen).hasSize(ORDERS);
    }

    @Test
    void aSuccessArrivingWhileACancellationCommitsDecidesOnTheCancelledOrder() throws Exception {
        String token = tokens.customer(UUID.randomUUID());
        UUID product = peers.product("Race Teapot", 2_000, 5);
        UUID orderId = UUID.fromString(place(token, "k-" + UUID.randomUUID(), orderJson(product, 1))
                .then().statusCode(201).extract().path("id"));
        CountDownLatch cancellationWritten = new CountDownLatch(1);
        CountDownLatch successIsWaiting = new CountDownLatch(1);

        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            // a cancellation (CancelOrderHandler's steps) that has written its event and not yet committed
            CompletableFuture<Void> cancellation = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
                Order order = store.load(orderId).orElseThrow();
                store.append(orderId, order, order.cancel(CancelReason.CUSTOMER_REQUEST, "test", Instant.now()));
                cancellationWritten.countDown();
                await(successIsWaiting);
            }), threads);
            assertThat(cancellationWritten.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> success = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx ->
                    outcomes.apply(new PaymentOutcome(PaymentOutcome.Kind.SUCCEEDED, UUID.randomUUID(), orderId,
                            Money.of(2_000, "EUR"), null))), threads);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                    select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""")
                    .query(Long.class).single() > 0);
            successIsWaiting.countDown();

            cancellation.get(20, TimeUnit.SECONDS);
            assertThat(success).as("applied on its first delivery, not refused for a redelivery")
                    .succeedsWithin(Duration.ofSeconds(20));
        }
        assertThat(jdbc.sql("select type from order_events where order_id = ? order by version")
                .param(orderId).query(String.class).list()).containsExactly("Placed", "Cancelled");
        assertThat(announced(orderId, "order.order.confirmed")).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long announced(UUID orderId, String type) {
        return jdbc.sql("select count(*) from outbox where aggregate_id = ? and type = ?")
                .params(orderId.toString(), type).query(Long.class).single();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
