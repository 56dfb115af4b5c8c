package dev.bazaar.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.UUID;

import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The RabbitMQ that tests use: {@code BAZAAR_RABBIT_URL} (default the local one), or a
 * Testcontainers RabbitMQ where that is unreachable and Docker exists. Tests never share
 * names: each {@link #isolation()} has its own exchange and queue prefix, and its queues
 * expire shortly after the test stops using them.
 */
public final class TestRabbit {

    public record Broker(String host, int port, String username, String password, String virtualHost) {
    }

    /** Names for one test's topology, so it never touches another run's queues. */
    public record Isolation(String exchange, String queuePrefix) {
    }

    private static volatile Broker broker;

    private TestRabbit() {
    }

    public static synchronized Broker broker() {
        if (broker == null) {
            broker = locate();
        }
        return broker;
    }

    public static Isolation isolation() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return new Isolation("bazaar.events.t" + run, "t" + run + ".");
    }

    private static Broker locate() {
        URI uri = URI.create(Env.get("BAZAAR_RABBIT_URL", "amqp://guest:guest@127.0.0.1:5672/"));
        String userInfo = uri.getUserInfo() == null ? "guest:guest" : uri.getUserInfo();
        String[] credentials = userInfo.split(":", 2);
        int port = uri.getPort() < 0 ? 5672 : uri.getPort();
        String vhost = uri.getPath() == null || uri.getPath().length() <= 1 ? "/" : uri.getPath().substring(1);
        if (reachable(uri.getHost(), port)) {
            return new Broker(uri.getHost(), port, credentials[0], credentials.length > 1 ? credentials[1] : "", vhost);
        }
        if (!Env.dockerAvailable()) {
            throw new IllegalStateException("RabbitMQ is not reachable at " + uri.getHost() + ":" + port
                    + " and Docker is not available; start RabbitMQ or set BAZAAR_RABBIT_URL");
        }
        RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-alpine");
        container.start();
        return new Broker(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
                container.getAdminPassword(), "/");
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
