package dev.bazaar.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.order.orders.CancelReason;
import dev.bazaar.order.orders.ConcurrentOrderChange;
import dev.bazaar.order.orders.Order;
import dev.bazaar.order.orders.OrderStore;
import io.micrometer.core.instrument.MeterRegistry;

/** The payment-timeout sweep next to orders it cannot handle, and next to a payment outcome. */
class PaymentTimeoutsIT extends OrderIntegrationTest {

    @Autowired
    OrderStore store;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MeterRegistry meters;

    private UUID placeOne(String token) {
        UUID product = peers.product("Clock", 1_200, 10);
        return UUID.fromString(place(token, "k-" + UUID.randomUUID(), orderJson(product, 1))
                .then().statusCode(201).extract().path("id"));
    }

    private String status(String token, UUID orderId) {
        return given().auth().oauth2(token).when().get("/api/orders/{id}", orderId).then().extract().path("status");
    }

    @Test
    void ordersWhoseTimeoutAlwaysFailsDoNotHoldBackTheOthers() {
        // more unreadable overdue orders than one batch of the sweep (50), all older than the good one
        List<UUID> unreadable = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            UUID id = UUID.randomUUID();
            unreadable.add(id);
            jdbc.sql("""
                    insert into orders (id, customer_id, status, total_amount, currency, item_count, placed_at, updated_at, version)
                    values (?, ?, 'AWAITING_PAYMENT', 100, 'EUR', 1, now() - interval '2 hours', now() - interval '2 hours', 1)""")
                    .params(id, UUID.randomUUID()).update();
            jdbc.sql("""
                    insert into order_events (order_id, version, type, payload, occurred_at)
                    values (?, 1, 'FromAFutureRelease', '{}', now() - interval '2 hours')""").param(id).update();
        }
        try {
            String token = tokens.customer(UUID.randomUUID());
            UUID good = placeOne(token);
            jdbc.sql("update orders set placed_at = placed_at - interval '1 hour' where id = ?").param(good).update();

            await().atMost(Duration.ofSeconds(15)).until(() -> "CANCELLED".equals(status(token, good)));

            assertThat(meters.find("bazaar.order.payment-timeouts.failed").counter())
                    .isNotNull().satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(51));
        } finally {
            unreadable.forEach(id -> {
                jdbc.sql("delete from order_events where order_id = ?").param(id).update();
                jdbc.sql("delete from orders where id = ?").param(id).update();
            });
        }
    }

    @Test
    void aTimeoutAndAPaymentOutcomeOnOneOrderTakeItsLocksInOneOrder() throws Exception {
        String token = tokens.customer(UUID.randomUUID());
        UUID orderId = placeOne(token);
        CountDownLatch timeoutHoldsTheOrder = new CountDownLatch(1);
        CountDownLatch outcomeIsWaiting = new CountDownLatch(1);
        // a thread each: the common pool may have a single thread on a small machine
        ExecutorService threads = Executors.newFixedThreadPool(2);

        // the sweep's steps (PaymentTimeouts): lock the order, then decide and append
        CompletableFuture<Void> timeout = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            assertThat(store.lockAwaitingPayment(orderId)).isTrue();
            timeoutHoldsTheOrder.countDown();
            try {
                assertThat(outcomeIsWaiting.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Order order = store.load(orderId).orElseThrow();
            store.append(orderId, order, order.cancel(CancelReason.PAYMENT_TIMEOUT, "test", Instant.now()));
        }), threads);
        assertThat(timeoutHoldsTheOrder.await(10, TimeUnit.SECONDS)).isTrue();
        // the payment outcome's steps (PaymentOutcomeHandler, in its inbox transaction): read, decide, append
        CompletableFuture<Void> outcome = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(tx -> {
            Order order = store.load(orderId).orElseThrow();
            store.append(orderId, order, order.confirm(UUID.randomUUID(), Instant.now()));
        }), threads);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'""")
                .query(Long.class).single() > 0);
        outcomeIsWaiting.countDown();

        // the timeout goes through; the outcome finds the order changed (and its redelivery would see it
        // cancelled), instead of one of them dying as a deadlock
        timeout.get(20, TimeUnit.SECONDS);
        assertThat(outcome).failsWithin(Duration.ofSeconds(20)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConcurrentOrderChange.class);
        assertThat(status(token, orderId)).isEqualTo("CANCELLED");
        threads.shutdown();
    }
}
