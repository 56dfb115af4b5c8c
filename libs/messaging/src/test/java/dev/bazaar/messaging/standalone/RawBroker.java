package dev.bazaar.messaging.standalone;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.bazaar.testsupport.TestRabbit;

/** A plain client connection to the test broker, for what a test sets up or reads behind the services' backs. */
public final class RawBroker {

    private RawBroker() {
    }

    public static Connection connect() {
        TestRabbit.Broker broker = TestRabbit.broker();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.username());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        try {
            return factory.newConnection("messaging-test");
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to the test broker", e);
        }
    }
}
