package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

import dev.bazaar.payment.payments.PaymentStatus;
import dev.bazaar.testsupport.BrokerEvents;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Two payment-service instances on one database and one broker: the test's own context and a
 * second one started here, as {@code ./bazaar up --replicas payment=2} runs them. They share
 * the placements and the charges, and no order is charged twice; an instance that stops
 * records the charges it has at the processor before its database connections close.
 */
class TwoInstancesIT extends PaymentIntegrationTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Autowired
    Environment environment;

    @Autowired
    ApplicationContext thisInstance;

    /** A second instance of payment-service, on this test's database, exchange and queues. */
    private ConfigurableApplicationContext secondInstance() {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.rabbitmq.host", "spring.rabbitmq.port", "spring.rabbitmq.username", "spring.rabbitmq.password",
                "spring.rabbitmq.virtual-host", "bazaar.messaging.exchange", "bazaar.messaging.queue-prefix",
                "bazaar.messaging.queue-expiry", "bazaar.payment.provider", "bazaar.payment.simulated.slow-delay")) {
            settings.put(name, environment.getProperty(name, ""));
        }
        TestTokens.register((name, value) -> settings.put(name, value.get()));
        settings.put("server.port", 0);
        settings.put("management.server.port", 0);
        settings.put("spring.grpc.server.port", FreePorts.next());
        settings.put("bazaar.payment.instance", "payment-2");
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return SpringApplication.run(PaymentApplication.class, args.toArray(String[]::new));
    }

    private static double charges(ApplicationContext instance, String outcome) {
        return instance.getBean(MeterRegistry.class).get("bazaar.payment.charges").tag("outcome", outcome).counter()
                .count();
    }

    private static SmartLifecycle chargeWorkers(ApplicationContext instance) {
        return instance.getBean("chargeWorkers", SmartLifecycle.class);
    }

    private void awaitCaptured(PlacedOrder order) {
        await().atMost(SETTLE).untilAsserted(() -> assertThat(paymentOf(order.orderId()))
                .hasValueSatisfying(p -> assertThat(p.status()).isEqualTo(PaymentStatus.CAPTURED)));
    }

    @Test
    void twoInstancesShareTheChargesAndChargeEveryOrderOnce() {
        try (ConfigurableApplicationContext second = secondInstance(); BrokerEvents events = paymentEvents()) {
            double firstBefore = charges(thisInstance, "succeeded");
            List<PlacedOrder> orders = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                PlacedOrder order = PlacedOrder.paidWith(i % 4 == 0 ? "tok_slow" : "tok_visa");
                orders.add(order);
                publishPlaced(UUID.randomUUID(), order);
            }

            orders.forEach(this::awaitCaptured);

            for (PlacedOrder order : orders) {
                assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
                assertThat(pendingChargesOf(order.orderId())).isZero();
            }
            await().atMost(SETTLE).untilAsserted(() -> orders.forEach(order ->
                    assertThat(typesAbout(events, order.orderId())).containsExactly("payment.payment.succeeded")));
            // each instance made charges, by its own counter
            assertThat(charges(second, "succeeded")).isPositive();
            assertThat(charges(thisInstance, "succeeded")).isGreaterThan(firstBefore);
        }
    }

    @Test
    void anInstanceThatStopsRecordsTheChargesItHasAtTheProcessor() {
        SmartLifecycle ownWorkers = chargeWorkers(thisInstance);
        ConfigurableApplicationContext second = secondInstance();
        // only the second instance charges, so whatever is at the processor is its own
        ownWorkers.stop();
        try {
            List<PlacedOrder> orders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                PlacedOrder order = PlacedOrder.paidWith("tok_slow");
                orders.add(order);
                publishPlaced(UUID.randomUUID(), order);
            }
            await().atMost(SETTLE).until(() -> orders.stream().allMatch(order -> jdbc.sql("""
                    select count(*) from pending_charges
                    where order_id = ? and claimed_by = 'payment-2' and available_at > now()""")
                    .param(order.orderId()).query(Long.class).single() == 1));

            second.close();

            for (PlacedOrder order : orders) {
                assertThat(paymentOf(order.orderId()).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
                assertThat(chargesAtProcessor(order.orderId())).isEqualTo(1);
                assertThat(pendingChargesOf(order.orderId())).isZero();
            }
        } finally {
            second.close();
            ownWorkers.start();
        }
    }
}
