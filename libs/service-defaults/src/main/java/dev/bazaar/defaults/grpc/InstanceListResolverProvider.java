package dev.bazaar.defaults.grpc;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;

/**
 * Resolves {@code bazaar-instances:///host1:9091,host2:10091}: each listed {@code host:port} is
 * one instance of the peer, with all the addresses its host name has (tried in turn, as one
 * instance). A host that does not resolve is left out until the next resolution, which gRPC asks
 * for whenever an instance fails.
 */
final class InstanceListResolverProvider extends NameResolverProvider {

    static final String SCHEME = "bazaar-instances";

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        List<String> instances = Arrays.stream(target.getPath().replaceFirst("^/", "").split(","))
                .map(String::trim).filter(entry -> !entry.isEmpty()).toList();
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no instance listed in " + target);
        }
        return new InstanceList(instances, args);
    }

    private static final class InstanceList extends NameResolver {

        private static final Logger log = LoggerFactory.getLogger(InstanceList.class);

        private final List<String> instances;
        private final Args args;
        private final Executor executor;
        private Listener2 listener;
        private boolean resolving;

        InstanceList(List<String> instances, Args args) {
            this.instances = instances;
            this.args = args;
            this.executor = args.getOffloadExecutor() != null ? args.getOffloadExecutor() : Runnable::run;
        }

        @Override
        public String getServiceAuthority() {
            return instances.getFirst();
        }

        @Override
        public void start(Listener2 listener) {
            this.listener = listener;
            resolve();
        }

        @Override
        public void refresh() {
            resolve();
        }

        /** In the channel's synchronization context; the look-ups block, so they run on the offload executor. */
        private void resolve() {
            if (resolving || listener == null) {
                return;
            }
            resolving = true;
            executor.execute(() -> {
                List<EquivalentAddressGroup> groups = lookUp();
                args.getSynchronizationContext().execute(() -> {
                    resolving = false;
                    if (groups.isEmpty()) {
                        listener.onError(Status.UNAVAILABLE.withDescription("no instance of " + instances + " resolves"));
                    } else {
                        listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
                    }
                });
            });
        }

        private List<EquivalentAddressGroup> lookUp() {
            List<EquivalentAddressGroup> groups = new ArrayList<>();
            for (String instance : instances) {
                int colon = instance.lastIndexOf(':');
                String host = (colon < 0 ? instance : instance.substring(0, colon)).replaceAll("^\\[|]$", "");
                int port = colon < 0 ? args.getDefaultPort() : Integer.parseInt(instance.substring(colon + 1));
                try {
                    List<SocketAddress> addresses = new ArrayList<>();
                    for (InetAddress address : InetAddress.getAllByName(host)) {
                        addresses.add(new InetSocketAddress(address, port));
                    }
                    groups.add(new EquivalentAddressGroup(addresses));
                } catch (UnknownHostException e) {
                    log.atWarn().addKeyValue("instance", instance).log("peer instance does not resolve; left out for now");
                }
            }
            return groups;
        }

        @Override
        public void shutdown() {
            listener = null;
        }
    }
}
