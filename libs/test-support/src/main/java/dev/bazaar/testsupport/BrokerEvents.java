package dev.bazaar.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.bazaar.testsupport.events.EventSchemas;
import org.awaitility.Awaitility;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * Listens on the test's exchange for events with a routing key pattern, so a test can
 * wait for what a service published: {@code events.await("catalog.stock.depleted", 1)}.
 * The queue is exclusive and disappears with the connection. Every message received is
 * checked against its schema in {@code contracts/events} ({@link EventSchemas}), so a test
 * that sees a producer publish also proves the producer keeps the contract.
 */
public final class BrokerEvents implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;
    private final String queue;
    private final List<String> received = new ArrayList<>();

    private BrokerEvents(Connection connection, Channel channel, String queue) {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    public static BrokerEvents listen(String exchange, String bindingKey) {
        try {
            Connection connection = connect("test-listener");
            Channel channel = connection.createChannel();
            try {
                connection.createChannel().exchangeDeclarePassive(exchange);
            } catch (java.io.IOException notYetDeclared) {
                // a service declares its exchange when it first connects, which may come after the
                // test starts listening: declared here as services declare it under test settings
                // (topic, durable, auto-deleted with its last binding, with libs/messaging's
                // alternate exchange for unconsumed types); declared any other way, the service
                // would replace it and this listener's binding would go with it
                channel.exchangeDeclare(exchange, "topic", true, true,
                        java.util.Map.of("alternate-exchange", exchange + ".unrouted"));
            }
            String queue = "test.listen." + UUID.randomUUID();
            channel.queueDeclare(queue, false, true, true, null);
            channel.queueBind(queue, exchange, bindingKey);
            return new BrokerEvents(connection, channel, queue);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + exchange, e);
        }
    }

    /** A plain client connection to the tests' broker. */
    static Connection connect(String name) throws java.io.IOException, java.util.concurrent.TimeoutException {
        TestRabbit.Broker broker = TestRabbit.broker();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        return factory.newConnection(name);
    }

    /** Waits until at least {@code count} messages arrived; returns every body so far. */
    public List<String> await(int count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            drain();
            return received.size() >= count;
        });
        return List.copyOf(received);
    }

    public List<String> received() {
        try {
            drain();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(received);
    }

    private void drain() throws java.io.IOException {
        GetResponse response;
        while ((response = channel.basicGet(queue, true)) != null) {
            String message = new String(response.getBody(), StandardCharsets.UTF_8);
            EventSchemas.contracts().check(message);
            received.add(message);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // the queue is exclusive: it goes with the connection either way
        }
    }
}
