package dev.bazaar.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import dev.bazaar.testsupport.FreePorts;
import dev.bazaar.testsupport.TestPostgres;
import dev.bazaar.testsupport.TestRabbit;

/**
 * The whole system for the end-to-end suite: one gateway and two instances each of identity,
 * catalog, payment and order, as real processes on free ports; the instances of a service share
 * its database, every service is on an exchange of its own, and each is configured with the same
 * environment variables as {@code ./bazaar up --replicas 2}: every caller gets the list of every
 * instance it may call. Started once for the suite and stopped when the JVM exits.
 */
public final class RunningBazaar {

    /** Short enough for the suite to watch an order time out; long enough to survive a restart of payment. */
    public static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(40);

    /** Instances of each scaled service: two, the fewest that show a service does not depend on being alone. */
    public static final int INSTANCES = 2;

    /** The services that run as {@link #INSTANCES} instances; the gateway runs alone. */
    public static final List<String> SCALED = List.of("identity", "catalog", "payment", "order");

    /** Nine JVMs with the tracing agent share two cores: starting them all at once takes minutes. */
    private static final Duration START_WITHIN = Duration.ofSeconds(360);

    private static RunningBazaar instance;
    private static RuntimeException startFailure;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Every process by instance name ({@code catalog-1}, ..., {@code gateway}), in start order. */
    final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    public final Map<String, TestPostgres.Database> databases = new HashMap<>();
    final TestRabbit.Isolation rabbit = TestRabbit.isolation();
    /** Open before any service starts, so no span of a startup is lost. */
    final SpanReceiver spans = new SpanReceiver();
    final int gatewayHttp = FreePorts.next();
    private final Map<String, List<Ports>> ports = new LinkedHashMap<>();
    /*
     * Order's gRPC calls to each catalog instance, every service's Postgres and broker connections
     * go through links the fault suite (faults/FaultsIT) can delay or cut; healthy, they only
     * forward bytes.
     */
    public final List<TcpProxy> catalogGrpcLinks = new ArrayList<>();
    public final TcpProxy brokerLink;
    private TcpProxy postgresLink;

    /** What one instance listens on. */
    private record Ports(int http, int grpc, int management) {
    }

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
        for (String service : SCALED) {
            List<Ports> each = new ArrayList<>();
            for (int k = 0; k < INSTANCES; k++) {
                each.add(new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next()));
            }
            ports.put(service, each);
        }
        for (Ports catalog : ports.get("catalog")) {
            catalogGrpcLinks.add(new TcpProxy("order-to-catalog-" + (catalogGrpcLinks.size() + 1) + "-grpc", "127.0.0.1",
                    catalog.grpc()));
        }
        String identityUrls = urlsOf("identity");
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
        common.put("BAZAAR_IDENTITY_URL", identityUrls);
        common.put("BAZAAR_CATALOG_GRPC", grpcAddressesOf(ports.get("catalog").stream().map(Ports::grpc).toList()));
        common.put("BAZAAR_IDENTITY_GRPC", grpcAddressesOf(ports.get("identity").stream().map(Ports::grpc).toList()));
        common.put("BAZAAR_PAYMENT_TIMEOUT", PAYMENT_TIMEOUT.toSeconds() + "s");
        common.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "logstash");
        common.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        // the attacks suite revokes a signing key and waits for every service to let go of it
        common.put("BAZAAR_SECURITY_JWKS_REFRESH", "2s");
        // and every identity instance must stop publishing a key another instance revoked: within its key cache time
        common.put("BAZAAR_IDENTITY_KEY_CACHE_TTL", "2s");
        // A pair held back after its free failures stays held for the first delay (1 s by default), and a
        // sign-in refused while held is not counted: on a loaded machine the attacks suite's attempts outlast
        // a 1 s hold, and whether its "right password right after" meets a hold would depend on the timing.
        common.put("BAZAAR_IDENTITY_LOGIN_THROTTLE_FIRST_DELAY", "30s");
        common.put("OTEL_EXPORTER_OTLP_ENDPOINT", spans.endpoint());
        common.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        common.put("OTEL_METRICS_EXPORTER", "none");
        common.put("OTEL_LOGS_EXPORTER", "none");
        common.put("OTEL_TRACES_SAMPLER", "always_on");
        // export within a fraction of a second, so a test need not wait long for the spans
        common.put("OTEL_BSP_SCHEDULE_DELAY", "200");

        Map<String, String> order = new HashMap<>(common);
        // the first calls of cold, instrumented JVMs on a small machine outlast the 2 s default deadline
        order.put("BAZAAR_ORDER_CALL_TIMEOUT", "10s");
        order.put("BAZAAR_CATALOG_GRPC", grpcAddressesOf(catalogGrpcLinks.stream().map(TcpProxy::port).toList()));
        Map<String, String> payment = new HashMap<>(common);
        payment.put("BAZAAR_PAYMENT_PROVIDER", "simulated");

        add(root, logs, common, "identity", "identity-service", "identity");
        add(root, logs, common, "catalog", "catalog-service", "catalog");
        add(root, logs, payment, "payment", "payment-service", "payments");
        add(root, logs, order, "order", "order-service", "orders");

        Map<String, String> gateway = new HashMap<>(common);
        gateway.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
        gateway.put("BAZAAR_GATEWAY_RATE_LIMIT_KEY_PREFIX", "e2e-" + rabbit.queuePrefix());
        // the suite places 20 orders for one shopper in a burst; the default budget (1/s, burst 5) would refuse it
        gateway.put("BAZAAR_GATEWAY_RATE_LIMIT_STRICT_REPLENISH_RATE", "20");
        gateway.put("BAZAAR_GATEWAY_RATE_LIMIT_STRICT_BURST_CAPACITY", "40");
        gateway.put("BAZAAR_CATALOG_URL", urlsOf("catalog"));
        gateway.put("BAZAAR_ORDER_URL", urlsOf("order"));
        gateway.put("BAZAAR_PAYMENT_URL", urlsOf("payment"));
        gateway.put("OTEL_SERVICE_NAME", "gateway");
        gateway.put("BAZAAR_INSTANCE", "gateway");
        gateway.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=gateway");
        processes.put("gateway", new ServiceProcess("gateway", "gateway", ServiceProcess.jarOf(root, "api-gateway"),
                gatewayHttp, FreePorts.next(), gateway, logs));
    }

    /** Both instances of a service, on one database of its own (empty: created for this run). */
    private void add(Path root, Path logs, Map<String, String> common, String service, String module, String database) {
        TestPostgres.Database db = TestPostgres.newDatabase("e2e_" + database);
        databases.put(service, db);
        Path jar = ServiceProcess.jarOf(root, module);
        List<Ports> each = ports.get(service);
        for (int k = 1; k <= each.size(); k++) {
            Ports own = each.get(k - 1);
            String name = service + "-" + k;
            Map<String, String> env = new HashMap<>(common);
            env.put("SPRING_GRPC_SERVER_PORT", String.valueOf(own.grpc()));
            // as ./bazaar has them: only the gateway listens beyond this machine's own address
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.put("SPRING_GRPC_SERVER_ADDRESS", "127.0.0.1");
            env.put("SPRING_DATASOURCE_URL", throughPostgresLink(db.jdbcUrl()));
            env.put("SPRING_DATASOURCE_USERNAME", db.username());
            env.put("SPRING_DATASOURCE_PASSWORD", db.password());
            // one service to a trace view, each instance told apart, as ./bazaar up --replicas names them
            env.put("OTEL_SERVICE_NAME", service);
            env.put("BAZAAR_INSTANCE", name);
            env.put("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=" + name);
            processes.put(name, new ServiceProcess(service, name, jar, own.http(), own.management(), env, logs));
        }
    }

    private String urlsOf(String service) {
        return ports.get(service).stream().map(p -> "http://127.0.0.1:" + p.http()).collect(Collectors.joining(","));
    }

    private static String grpcAddressesOf(List<Integer> grpcPorts) {
        return grpcPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
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

    /**
     * {@code service("catalog")} is catalog's instance 1, the one a suite that addresses "the"
     * service talks to; an instance name ({@code catalog-2}) or {@code gateway} names that one.
     */
    public ServiceProcess service(String name) {
        ServiceProcess named = processes.get(name);
        if (named != null) {
            return named;
        }
        List<ServiceProcess> of = instances(name);
        if (of.isEmpty()) {
            throw new IllegalArgumentException("no service or instance named " + name + "; there are " + processes.keySet());
        }
        return of.getFirst();
    }

    /** Every instance of a service, instance 1 first; the gateway's list has the gateway alone. */
    public List<ServiceProcess> instances(String service) {
        return processes.values().stream().filter(p -> p.service().equals(service)).toList();
    }

    /** Every process of the system: the instances of every service, and the gateway. */
    public Collection<ServiceProcess> processes() {
        return processes.values();
    }

    /** Instance 1's own base URL (see {@link #service}). */
    public String url(String service) {
        return service(service).baseUrl();
    }

    /** Prepended to every queue name of this system, so that it shares the broker with no other run. */
    public String queuePrefix() {
        return rabbit.queuePrefix();
    }

    /** The only door shoppers use. */
    public String gateway() {
        return url("gateway");
    }

    /** Both instances of each service start at the same moment, as two replicas of a deployment do. */
    private void startAll() {
        // identity first: the others fetch its keys and tokens; the tracing agent makes every start slower
        startTogether(instances("identity"));
        List<ServiceProcess> rest = new ArrayList<>();
        for (String service : List.of("catalog", "payment", "order", "gateway")) {
            rest.addAll(instances(service));
        }
        startTogether(rest);
    }

    private static void startTogether(List<ServiceProcess> together) {
        together.forEach(ServiceProcess::start);
        together.forEach(process -> process.awaitReady(START_WITHIN));
    }

    /** Stops every instance of a service at once (SIGTERM), as an operator taking the whole service down. */
    public void stopEvery(String service) {
        inParallel(instances(service), ServiceProcess::stop);
    }

    /** Starts every instance of a service that is not running, and waits until the gateway routes to it. */
    public void startEvery(String service, Duration within) {
        List<ServiceProcess> of = instances(service);
        of.forEach(ServiceProcess::start);
        of.forEach(process -> process.awaitReady(within));
        if (!service.equals("gateway")) {
            awaitGatewayRoutesTo(service);
        }
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
                .failFast("every instance of " + service + " exited",
                        () -> instances(service).stream().noneMatch(ServiceProcess::alive))
                .until(() -> http.send(HttpRequest.newBuilder(apiDocs).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private void awaitGatewayRoutesToEveryService() {
        processes.values().forEach(ServiceProcess::assertRunning);
        SCALED.forEach(this::awaitGatewayRoutesTo);
    }

    private void stopAll() {
        // all at once: one after the other, the instrumented services outlast surefire's 30 s exit grace
        inParallel(processes.values(), ServiceProcess::stop);
        spans.stop();
    }

    private static void inParallel(Collection<ServiceProcess> each, java.util.function.Consumer<ServiceProcess> action) {
        List<Thread> threads = each.stream().map(process -> Thread.ofPlatform().start(() -> action.accept(process))).toList();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
