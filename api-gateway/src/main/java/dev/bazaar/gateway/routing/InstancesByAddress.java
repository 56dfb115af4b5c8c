package dev.bazaar.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A configured instance whose host name resolves to several addresses becomes one instance per
 * address ({@link HostAddresses}); the others pass as they are. It sits below the health checks,
 * which fetch the list again periodically ({@code spring.cloud.loadbalancer.health-check.refetch-instances}),
 * so a replica that joins or leaves the name is seen at the next fetch.
 */
public final class InstancesByAddress extends DelegatingServiceInstanceListSupplier {

    private final HostAddresses addresses;

    public InstancesByAddress(ServiceInstanceListSupplier delegate, HostAddresses addresses) {
        super(delegate);
        this.addresses = addresses;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        // a lookup may block: never on an event loop
        return delegate.get().concatMap(instances -> Mono.fromCallable(() -> expand(instances))
                .subscribeOn(Schedulers.boundedElastic()));
    }

    List<ServiceInstance> expand(List<ServiceInstance> instances) {
        List<ServiceInstance> expanded = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            List<URI> urls = addresses.expand(instance.getUri());
            if (urls.size() == 1) {
                expanded.add(instance);
                continue;
            }
            String id = instance.getInstanceId() != null ? instance.getInstanceId() : instance.getServiceId();
            for (URI url : urls) {
                expanded.add(new DefaultServiceInstance(id + "@" + url.getHost(),
                        instance.getServiceId(), url.getHost(), instance.getPort(), instance.isSecure(),
                        instance.getMetadata()));
            }
        }
        return expanded;
    }
}
