package dev.bazaar.gateway.config;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

import dev.bazaar.gateway.routing.ServiceBalancer;

/** Every service's balancer is a {@link ServiceBalancer}. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = ServiceBalancer.class)
class LoadBalancerConfiguration {
}
