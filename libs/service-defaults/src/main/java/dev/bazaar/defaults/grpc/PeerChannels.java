package dev.bazaar.defaults.grpc;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.grpc.client.ChannelBuilderOptions;
import org.springframework.grpc.client.GrpcChannelFactory;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolverRegistry;

/**
 * Channels to a peer service that may run as several instances. The address is one of
 * <ul>
 * <li>{@code host:port}: the host's addresses by DNS, each an instance (a single instance as before);</li>
 * <li>{@code host1:port1,host2:port2}: each entry an instance ({@link InstanceListResolverProvider});</li>
 * <li>a gRPC target such as {@code dns:///catalog:9091}: a DNS name with several addresses
 *     (compose's or a headless Kubernetes Service's).</li>
 * </ul>
 * Calls go round robin over the instances that are connected and whose standard gRPC health
 * service reports {@value #HEALTH_SERVICE} SERVING (every Bazaar server does, by the service
 * defaults); an instance that is down or NOT_SERVING gets no calls until it is back. A peer
 * without the health service (a stand-in) counts as healthy while connected. The channels come
 * from Spring gRPC's factory, so they keep the global interceptors (the service token) and the
 * OpenTelemetry agent's tracing; deadlines stay per call.
 */
public class PeerChannels implements DisposableBean {

    /** The gRPC health service name a Bazaar server reports its readiness to serve calls under. */
    public static final String HEALTH_SERVICE = "bazaar.serving";

    private static final Map<String, ?> SERVICE_CONFIG = Map.of(
            "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
            "healthCheckConfig", Map.of("serviceName", HEALTH_SERVICE));

    static {
        NameResolverRegistry.getDefaultRegistry().register(new InstanceListResolverProvider());
    }

    private final ObjectProvider<GrpcChannelFactory> channels;
    private final PeerChannelProperties properties;
    private ScheduledExecutorService reconnects;

    public PeerChannels(ObjectProvider<GrpcChannelFactory> channels, PeerChannelProperties properties) {
        this.channels = channels;
        this.properties = properties;
    }

    /** A channel balancing over the instances {@code address} names (see the class comment). */
    public ManagedChannel create(String address) {
        ManagedChannel channel = channels.getObject().createChannel(target(address),
                ChannelBuilderOptions.defaults().withCustomizer(PeerChannels::balanced));
        long every = properties.reconnectEvery().toMillis();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(scheduler().scheduleWithFixedDelay(() -> {
            if (channel.isShutdown()) {
                task.get().cancel(false);
            } else {
                // only instances in TRANSIENT_FAILURE are affected: they try to connect now
                channel.resetConnectBackoff();
            }
        }, every, every, TimeUnit.MILLISECONDS));
        return channel;
    }

    /** The gRPC target for an address as Bazaar's configuration writes it. */
    static String target(String address) {
        String trimmed = address.trim();
        if (trimmed.contains(":/")) {
            return trimmed;
        }
        if (trimmed.contains(",")) {
            return InstanceListResolverProvider.SCHEME + ":///" + Arrays.stream(trimmed.split(","))
                    .map(String::trim).filter(entry -> !entry.isEmpty()).collect(Collectors.joining(","));
        }
        return trimmed;
    }

    private static <T extends ManagedChannelBuilder<T>> void balanced(String target, T builder) {
        builder.defaultServiceConfig(SERVICE_CONFIG);
    }

    private synchronized ScheduledExecutorService scheduler() {
        if (reconnects == null) {
            reconnects = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("grpc-peer-reconnect").daemon().factory());
        }
        return reconnects;
    }

    @Override
    public synchronized void destroy() {
        if (reconnects != null) {
            reconnects.shutdownNow();
            reconnects = null;
        }
    }
}
