package dev.bazaar.messaging.topology;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.bazaar.messaging.config.MessagingProperties;
import dev.bazaar.messaging.topology.EventTopology.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.context.SmartLifecycle;

/**
 * Declares the whole {@link EventTopology} on the broker: the events exchange with its
 * alternate exchange, the bounded unrouted queue bound for every type no service consumes,
 * the dead-letter exchange, and every consumer's quorum queue and dead-letter queue, with
 * their bindings. It runs at start, on every (re)connect, and when the relay asks after a
 * failed or returned publish, so a queue that was deleted comes back.
 * <p>
 * Not through Spring's {@code RabbitAdmin}: a declaration the broker refuses as different from
 * what exists (406) must be handled, not fail the start. The events exchange of a Bazaar that
 * predates the alternate exchange is deleted and declared again (every service declares every
 * binding, so the whole set comes back, and a publish in between is returned and retried); a
 * queue declared with other arguments is kept as it is, since it may hold messages.
 */
public class BrokerTopology implements ConnectionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerTopology.class);

    /** Before the relay and the consumers, so both find everything declared. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 8192;

    private final ConnectionFactory connectionFactory;
    private final EventTopology topology;
    private final MessagingProperties properties;

    private volatile boolean declared;
    private volatile boolean running;

    public BrokerTopology(ConnectionFactory connectionFactory, EventTopology topology, MessagingProperties properties) {
        this.connectionFactory = connectionFactory;
        this.topology = topology;
        this.properties = properties;
    }

    public EventTopology topology() {
        return topology;
    }

    @Override
    public void start() {
        running = true;
        // declares on this connection right away if it is open, and on every later one
        connectionFactory.addConnectionListener(this);
        try {
            ensureDeclared();
        } catch (RuntimeException e) {
            // the broker is away: the next connection declares it
            log.atWarn().addKeyValue("error", e.getMessage()).log("event topology not declared yet");
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void onCreate(Connection connection) {
        try {
            declareOn(connection);
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("error", e.getMessage()).log("event topology declaration failed");
        }
    }

    @Override
    public void onShutDown(ShutdownSignalException signal) {
        // a new connection may be to a new broker
        declared = false;
    }

    /** Declares everything unless that was done since the last failure. */
    public void ensureDeclared() {
        if (!declared) {
            declareOn(connectionFactory.createConnection());
        }
    }

    /** Makes the next {@link #ensureDeclared()} declare again: something may have been deleted. */
    public void redeclareNext() {
        declared = false;
    }

    /** Declares everything through the connection; throws if the broker refuses anything but a queue's arguments. */
    public void declareOn(Connection connection) {
        declared = false;
        try (Declaring declaring = new Declaring(connection)) {
            declareEvents(declaring);
            String unrouted = properties.unroutedQueue();
            declaring.exchange(properties.unroutedExchange(), "direct", Map.of());
            declaring.queue(unrouted, unroutedArguments());
            for (String routingKey : topology.unconsumed()) {
                declaring.bind(unrouted, properties.unroutedExchange(), routingKey);
            }
            declaring.exchange(properties.deadLetterExchange(), "direct", Map.of());
            for (Route route : topology.routes()) {
                String queue = properties.queue(route.consumer(), route.routingKey());
                String deadLetterQueue = queue + ".dlq";
                declaring.queue(queue, queueArguments(deadLetterQueue));
                declaring.bind(queue, properties.exchange(), route.routingKey());
                declaring.queue(deadLetterQueue, expiring(new HashMap<>()));
                declaring.bind(deadLetterQueue, properties.deadLetterExchange(), deadLetterQueue);
            }
        } catch (IOException e) {
            throw new AmqpException("event topology declaration failed: " + e.getMessage(), e);
        }
        declared = true;
        log.atInfo()
                .addKeyValue("exchange", properties.exchange())
                .addKeyValue("queues", topology.routes().size())
                .addKeyValue("unroutedTypes", topology.unconsumed().size())
                .log("event topology declared");
    }

    private void declareEvents(Declaring declaring) throws IOException {
        Map<String, Object> arguments = Map.of("alternate-exchange", properties.unroutedExchange());
        if (declaring.tryExchange(properties.exchange(), "topic", arguments)) {
            return;
        }
        log.atWarn()
                .addKeyValue("exchange", properties.exchange())
                .addKeyValue("alternateExchange", properties.unroutedExchange())
                .log("events exchange differs from the topology (declared before the alternate exchange): "
                        + "deleting it and declaring it again with every binding");
        declaring.deleteExchange(properties.exchange());
        declaring.exchange(properties.exchange(), "topic", arguments);
    }

    private Map<String, Object> queueArguments(String deadLetterQueue) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", "quorum");
        // RabbitMQ 3.10 quorum queues have no default delivery limit: without it a failing
        // message would be redelivered forever
        arguments.put("x-delivery-limit", deliveryLimit(properties));
        arguments.put("x-dead-letter-exchange", properties.deadLetterExchange());
        arguments.put("x-dead-letter-routing-key", deadLetterQueue);
        return expiring(arguments);
    }

    private Map<String, Object> unroutedArguments() {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-max-length", properties.unroutedMaxLength());
        // the newest events of an unconsumed type are the ones worth keeping
        arguments.put("x-overflow", "drop-head");
        return expiring(arguments);
    }

    // Integers, as Spring's QueueBuilder declared them before: the broker compares the types of
    // arguments too, and a long where an int was would make every existing queue differ
    private Map<String, Object> expiring(Map<String, Object> arguments) {
        if (properties.queueExpiry() != null) {
            arguments.put("x-expires", Math.toIntExact(properties.queueExpiry().toMillis()));
        }
        return arguments;
    }

    /** x-delivery-limit counts redeliveries: the first delivery plus limit retries reach the handler. */
    public static int deliveryLimit(MessagingProperties properties) {
        return properties.maxDeliveries() - 1;
    }

    /** Declarations on one channel, replaced when the broker closes it over a refused declaration. */
    private final class Declaring implements AutoCloseable {

        private final Connection connection;
        private Channel channel;

        Declaring(Connection connection) {
            this.connection = connection;
        }

        private Channel channel() {
            if (channel == null || !channel.isOpen()) {
                close();
                channel = connection.createChannel(false);
            }
            return channel;
        }

        // exchanges are durable; under test settings (a queue expiry) they go with their last binding
        boolean tryExchange(String name, String type, Map<String, Object> arguments) throws IOException {
            try {
                channel().exchangeDeclare(name, type, true, properties.queueExpiry() != null, arguments);
                return true;
            } catch (IOException e) {
                if (!preconditionFailed(e)) {
                    throw e;
                }
                return false;
            }
        }

        void exchange(String name, String type, Map<String, Object> arguments) throws IOException {
            channel().exchangeDeclare(name, type, true, properties.queueExpiry() != null, arguments);
        }

        void deleteExchange(String name) throws IOException {
            channel().exchangeDelete(name);
        }

        void queue(String name, Map<String, Object> arguments) throws IOException {
            try {
                channel().queueDeclare(name, true, false, false, arguments);
            } catch (IOException e) {
                if (!preconditionFailed(e)) {
                    throw e;
                }
                log.atWarn()
                        .addKeyValue("queue", name)
                        .addKeyValue("wanted", arguments)
                        .addKeyValue("error", e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                        .log("queue exists with other arguments; kept as it is");
            }
        }

        void bind(String queue, String exchange, String routingKey) throws IOException {
            channel().queueBind(queue, exchange, routingKey);
        }

        @Override
        public void close() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                    // closed by the broker already
                }
                channel = null;
            }
        }
    }

    private static boolean preconditionFailed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal && signal.getReason() instanceof AMQP.Channel.Close close) {
                return close.getReplyCode() == AMQP.PRECONDITION_FAILED;
            }
        }
        return false;
    }
}
