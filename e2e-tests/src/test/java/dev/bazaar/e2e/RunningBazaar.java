package dev.bazaar.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestRabbit;

/**
 * The whole system for the end-to-end suite: the gateway, identity, catalog, payment and
 * order as real processes on free ports, each with a database of its own and all on an exchange of
 * their own, configured with the same environment variables as {@code ./bazaar up}.
 * Started once for the suite and stopped when the JVM exits.
 */
public final class RunningBazaar {

    /** Short enough for the suite to watch an order time out; long enough to survive a restart of payment. */
    public static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(40);

    private static RunningBazaar instance;
    private static RuntimeException startFailure;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    public final Map<String, TestPostgres.Database> databases = new HashMap<>();
    final TestRabbit.Isolation rabbit = TestRabbit.isolation();
    /** Open before any service starts, so no span of a startup is lost. */
    final SpanReceiver spans = new SpanReceiver();
    final int gatewayHttp = FreePorts.next();
    final int identityHttp = FreePorts.next();
    final int identityGrpc = FreePorts.next();
    final int catalogGrpc = FreePorts.next();
    /*
     * Order's gRPC calls to catalog, every service's Postgres and broker connections go through
     * links the fault suite (faults/FaultsIT) can delay or cut; healthy, they only forward bytes.
     */
    public final TcpProxy catalogGrpcLink = new TcpProxy("order-to-catalog-grpc", "127.0.0.1", catalogGrpc);
    public final TcpProxy brokerLink;
    private TcpProxy postgresLink;

    public static synchronized RunningBazaar get() {
        if (startFailure != null) {
            // every later suite says why at once, instead of waiting for a system that is not there
            throw new IllegalStateException("Bazaar did not start: " + startFailure.getMessage(), startFailure);
        }
        if (instance == null) {
            instance = new RunningBazaar();
            // before starting: a start that fails half-way must not leave processes behind
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll, "stop-bazaar"));
            try {
                instance.startAll();
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        // a suite that killed or restarted services leaves the gateway's view of them to settle
        instance.awaitGatewayRoutesToEveryService();
        return instance;
    }

    private RunningBazaar() {
        Path root = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        TestRabbit.Broker broker = TestRabbit.broker();
        String identityUrl = "http://127.0.0.1:" + identityHttp;
        // the public issuer is the gateway: shoppers sign in through it, services check iss against it
        String gatewayUrl = "http://127.0.0.1:" + gatewayHttp;

        Map<String, String> common = new HashMap<>();
        common.put("SPRING_PROFILES_ACTIVE", "dev");
        brokerLink = new TcpProxy("rabbitmq", broker.host(), broker.port());
        common.put("SPRING_RABBITMQ_HOST", "127.0.0.1");
        common.put("SPRING_RABBITMQ_PORT", String.valueOf(brokerLink.port()));
        common.put("SPRING_RABBITMQ_USERNAME", broker.username());
        common.put("SPRING_RABBITMQ_PASSWORD", broker.password());
        common.put("SPRING_RABBITMQ_VIRTUAL_HOST", broker.virtualHost());
        common.put("BAZAAR_MESSAGING_EXCHANGE", rabbit.exchange());
        common.put("BAZAAR_MESSAGING_QUEUE_PREFIX", rabbit.queuePrefix());
        common.put("BAZAAR_MESSAGING_QUEUE_EXPIRY", "10m");
        common.put("BAZAAR_ISSUER_URL", gatewayUrl);
        common.put("BAZAAR_IDENTITY_URL", identityUrl);
        common.put("BAZAAR_CATALOG_GRPC", "127.0.0.1:" + catalogGrpc);
        common.put("BAZAAR_IDENTITY_GRPC", "127.0.0.1:" + identityGrpc);
        common.put("BAZAAR_PAYMENT_TIMEOUT", PAYMENT_TIMEOUT.toSeconds() + "s");
        common.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash");
        common.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        // the attacks suite revokes a signing key and waits for every service to let go of it
        common.put("BAZAAR_SECURITY_JWKS_REFRESH", "2s");
        common.put("OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint());
        common.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        common.put("OTEL_METRICS_EXPORTER", "none");
        common.put("OTEL_LOGS_EXPORTER", "none");
        common.put("OTEL_TRACES_SAMPLER", "always_on");
        // export within a fraction of a second, so a test need not wait long for the spans
        common.put("OTEL_BSP_SCHEDULE_DELAY", "200");

        add(root, logs, common, "identity", "identity-service", identityHttp, identityGrpc, "identity");
        add(root, logs, common, "catalog", "catalog-service", FreePorts.next(), catalogGrpc, "catalog");
        add(root, logs, common, "payment", "payment-service", FreePorts.next(), FreePorts.next(), "payments");
        int orderHttp = FreePorts.next();
        add(root, logs, common, "order", "order-service", orderHttp, FreePorts.next(), "orders");
        // the first calls of cold, instrumented JVMs on a small machine outlast the 2 s default deadline
        services.get("order").environment().put("BAZAAR_ORDER_CALL_TIMEOUT", "10s");
        services.get("payment").environment().put("BAZAAR_PAYMENT_PROVIDER", "simulated");
        services.get("order").environment().put("BAZAAR_CATALOG_GRPC", "127.0.0.1:" + catalogGrpcLink.port());

        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        gateway.put("BAZAAR_GATEWAY_RATE_LIMIT_KEY_PREFIX", "e2e-" + rabbit.queuePrefix());
        // the suite places 20 orders for one shopper in a burst; the default budget (1/s, burst 5) would refuse it
        gateway.put("BAZAAR_GATEWAY_RATE_LIMIT_STRICT_REPLENISH_RATE", "20");
        gateway.put("BAZAAR_GATEWAY_RATE_LIMIT_STRICT_BURST_CAPACITY", "40");
        gateway.put("BAZAAR_IDENTITY_URL", identityUrl);
        gateway.put("BAZAAR_CATALOG_URL", services.get("catalog").baseUrl());
        gateway.put("BAZAAR_ORDER_URL", services.get("order").baseUrl());
        gateway.put("BAZAAR_PAYMENT_URL", services.get("payment").baseUrl());
        gateway.put("OTEL_SERVICE_NAME", "gateway");
        services.put("gateway", new ServiceProcess("gateway", ServiceProcess.jarOf(root, "api-gateway"), gatewayHttp,
                FreePorts.next(), gateway, logs));
    }

    private void add(Path root, Path logs, Map<String, String> common, String name, String module, int http,
            int grpc, String database) {
        TestPostgres.Database db = TestPostgres.newDatabase("e2e_" + database);
        databases.put(name, db);
        Map<String, String> env = new HashMap<>(common);
        env.put("SPRING_GRPC_SERVER_PORT", String.valueOf(grpc));
        // as ./bazaar has them: only the gateway listens beyond this machine's own address
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SPRING_GRPC_SERVER_ADDRESS", "127.0.0.1");
        env.put("SPRING_DATASOURCE_URL", throughPostgresLink(db.jdbcUrl()));
        env.put("SPRING_DATASOURCE_USERNAME", db.username());
        env.put("SPRING_DATASOURCE_PASSWORD", db.password());
        env.put("OTEL_SERVICE_NAME", name);
        services.put(name, new ServiceProcess(name, ServiceProcess.jarOf(root, module), http, FreePorts.next(), env,
                logs));
    }

    /** The same database, reached through {@link #postgresLink()}. */
    private String throughPostgresLink(String jdbcUrl) {
        URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (postgresLink == null) {
            postgresLink = new TcpProxy("postgres", server.getHost(), server.getPort());
        }
        return "jdbc:postgresql://127.0.0.1:" + postgresLink.port() + server.getRawPath()
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    }

    public TcpProxy postgresLink() {
        return postgresLink;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    public String url(String service) {
        return services.get(service).baseUrl();
    }

    /** The only door shoppers use. */
    public String gateway() {
        return url("gateway");
    }

    private void startAll() {
        // identity first: the others fetch its keys and tokens; the tracing agent makes every start slower
        services.get("identity").start();
        services.get("identity").awaitReady(Duration.ofSeconds(180));
        List<String> rest = List.of("catalog", "payment", "order", "gateway");
        rest.forEach(name -> services.get(name).start());
        rest.forEach(name -> services.get(name).awaitReady(Duration.ofSeconds(240)));
    }

    /**
     * A service that is ready is not yet routed to: the gateway's balancer learns it at its next
     * health check (every few seconds), and until then the route answers 503. Each service's
     * OpenAPI document is a public route through the gateway, so a 200 there means that
     * service's balancer sees it and its breaker lets calls through.
     */
    public void awaitGatewayRoutesTo(String service) {
        URI apiDocs = URI.create(gateway() + "/v3/api-docs/" + service);
        Awaitility.await("the gateway routing to " + service).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast("a process of the system exited", () -> services.values().stream().anyMatch(p -> !p.alive()))
                .until(() -> http.send(HttpRequest.newBuilder(apiDocs).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private void awaitGatewayRoutesToEveryService() {
        services.values().forEach(ServiceProcess::assertRunning);
        List.of("identity", "catalog", "payment", "order").forEach(this::awaitGatewayRoutesTo);
    }

    private void stopAll() {
        // all at once: one after the other, the instrumented services outlast surefire's 30 s exit grace
        List<Thread> stopping = services.values().stream().map(service -> Thread.ofPlatform().start(service::stop)).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        spans.stop();
    }

}
