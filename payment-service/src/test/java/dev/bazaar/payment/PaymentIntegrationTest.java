package dev.bazaar.payment;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.bazaar.payment.payments.Payment;
import dev.bazaar.payment.payments.PaymentRepository;
import dev.bazaar.payment.payments.PaymentStatus;
import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.BazaarTestProperties;
import dev.bazaar.testsupport.BrokerEvents;
import dev.bazaar.testsupport.TestRabbit;
import dev.bazaar.testsupport.TestTokens;
import dev.bazaar.testsupport.events.EventSchemas;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * payment-service as a whole, on the real Postgres and RabbitMQ: its own database, its own
 * exchange, HTTP and gRPC on free ports, the simulated card processor with a short slow
 * delay. Every test class extends this one, so they share one application context.
 * Order events are published the way order-service's outbox publishes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PaymentIntegrationTest {

    protected static final TestTokens tokens = TestTokens.get();
    protected static final int grpcPort = FreePorts.next();
    protected static TestRabbit.Isolation rabbit;
    private static ManagedChannel channel;

    @LocalServerPort
    int httpPort;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected PaymentRepository payments;

    @Autowired
    RabbitTemplate rabbitTemplate;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        BazaarTestProperties.postgres(registry, "payment");
        rabbit = BazaarTestProperties.rabbit(registry);
        TestTokens.register(registry);
        registry.add("spring.grpc.server.port", () -> grpcPort);
        // no default outside the dev profile, which the tests do not use: they name it themselves
        registry.add("bazaar.payment.provider", () -> "simulated");
        registry.add("bazaar.payment.simulated.slow-delay", () -> "1500ms");
    }

    @BeforeEach
    void pointRestAssuredAtTheService() {
        RestAssured.port = httpPort;
        RestAssured.basePath = "";
    }

    protected static synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        }
        return channel;
    }

    /** An order placed for {@code amount} euro cents, paid with {@code token}. */
    protected record PlacedOrder(UUID orderId, UUID customerId, long amount, String token) {

        static PlacedOrder paidWith(String token) {
            return new PlacedOrder(UUID.randomUUID(), UUID.randomUUID(), 4999, token);
        }
    }

    /** As order-service publishes it; the lines are for other consumers and payment ignores them. */
    protected void publishPlaced(UUID eventId, PlacedOrder order) {
        publishValid("order.order.placed", eventId, order.orderId(), 1, """
                {"orderId": "%s", "customerId": "%s", "amount": {"amount": %d, "currency": "EUR"},
                 "paymentToken": "%s", "lines": [{"productId": "%s", "quantity": 1}]}"""
                .formatted(order.orderId(), order.customerId(), order.amount(), order.token(), UUID.randomUUID()));
    }

    protected void publishCancelled(UUID eventId, PlacedOrder order) {
        publishValid("order.order.cancelled", eventId, order.orderId(), 2, """
                {"orderId": "%s", "customerId": "%s", "reason": "CUSTOMER_REQUEST"}"""
                .formatted(order.orderId(), order.customerId()));
    }

    /** Publishes an event of {@code type} whose data is exactly {@code data}, valid or not. */
    protected void publish(String type, UUID eventId, UUID orderId, long version, String data) {
        send(type, eventId, envelope(type, eventId, orderId, version, data));
    }

    /** Publishes an event as order-service would: it must pass its schema in contracts/events. */
    private void publishValid(String type, UUID eventId, UUID orderId, long version, String data) {
        String envelope = envelope(type, eventId, orderId, version, data);
        EventSchemas.contracts().check(envelope);
        send(type, eventId, envelope);
    }

    private static String envelope(String type, UUID eventId, UUID orderId, long version, String data) {
        return """
                {"eventId": "%s", "type": "%s", "occurredAt": "%s", "aggregateId": "%s", "version": %d,
                 "data": %s}""".formatted(eventId, type, Instant.now(), orderId, version, data);
    }

    private void send(String type, UUID eventId, String envelope) {
        Message message = MessageBuilder.withBody(envelope.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(eventId.toString())
                .build();
        rabbitTemplate.send(rabbit.exchange(), type, message);
    }

    protected static BrokerEvents paymentEvents() {
        return BrokerEvents.listen(rabbit.exchange(), "payment.payment.*");
    }

    /** The payment events published about one order, parsed. */
    protected static List<JsonPath> eventsAbout(BrokerEvents events, UUID orderId) {
        return events.received().stream().map(JsonPath::from)
                .filter(e -> orderId.toString().equals(e.getString("data.orderId")))
                .toList();
    }

    protected static List<String> typesAbout(BrokerEvents events, UUID orderId) {
        return eventsAbout(events, orderId).stream().map(e -> e.getString("type")).toList();
    }

    protected Optional<Payment> paymentOf(UUID orderId) {
        return payments.findByOrder(orderId);
    }

    /**
     * The payment once its charge's outcome is recorded: a placement only queues the charge,
     * and a charge worker makes it a moment later.
     */
    protected Payment outcomeOf(Payment queued) {
        await().atMost(Duration.ofSeconds(15)).until(() ->
                paymentOf(queued.orderId()).map(p -> p.status() != PaymentStatus.PENDING).orElse(false));
        return paymentOf(queued.orderId()).orElseThrow();
    }

    /** Charges queued or in progress for the order: none once its outcome is recorded or it was withdrawn. */
    protected long pendingChargesOf(UUID orderId) {
        return jdbc.sql("select count(*) from pending_charges where order_id = ?").param(orderId)
                .query(Long.class).single();
    }

    protected long paymentRowsOf(UUID orderId) {
        return jdbc.sql("select count(*) from payments where order_id = ?").param(orderId).query(Long.class).single();
    }

    /** Charges the processor made for the order, declined ones included. */
    protected long chargesAtProcessor(UUID orderId) {
        return jdbc.sql("select count(*) from simulated_card_charges where idempotency_key = ?")
                .param(Payment.chargeKey(orderId)).query(Long.class).single();
    }

    protected long refundsAtProcessor(UUID orderId) {
        return jdbc.sql("""
                select count(*) from simulated_card_refunds r
                join simulated_card_charges c on c.reference = r.charge_reference
                where c.idempotency_key = ?""")
                .param(Payment.chargeKey(orderId)).query(Long.class).single();
    }

    /**
     * What a delivery of the placement leaves behind when it crashes after the processor
     * captured the charge and before its own transaction commits.
     */
    protected String capturedBeforeACrash(PlacedOrder order) {
        String reference = "ch_before_crash_" + order.orderId().toString().substring(0, 8);
        jdbc.sql("""
                insert into simulated_card_charges (idempotency_key, reference, amount, currency, outcome)
                values (?, ?, ?, 'EUR', 'CAPTURED')""")
                .params(Payment.chargeKey(order.orderId()), reference, order.amount()).update();
        jdbc.sql("insert into charge_attempts (order_id) values (?)").param(order.orderId()).update();
        return reference;
    }

}
