package dev.bazaar.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instances of one service, made in that service's own balancer context: the configured
 * instances, each host name with several addresses taken apart into one instance per address
 * ({@link InstancesByAddress}), then the health checks (an instance that fails {@code /readyz}
 * gets no traffic until it passes again). Named as every balancer's default configuration in
 * config/LoadBalancerConfiguration; not annotated on purpose, so the application's own context
 * never makes it without a service to balance.
 */
public class ServiceBalancer {

    @Bean
    ServiceInstanceListSupplier serviceInstances(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .with((ctx, delegate) -> new InstancesByAddress(delegate, HostAddresses.system()))
                .withHealthChecks()
                .build(context);
    }
}
