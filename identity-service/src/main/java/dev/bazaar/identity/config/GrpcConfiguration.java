package dev.bazaar.identity.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bazaar.defaults.grpc.ServiceScopes;
import dev.bazaar.proto.identity.v1.CustomerServiceGrpc;

@Configuration(proxyBeanMethods = false)
class GrpcConfiguration {

    @Bean
    ServiceScopes serviceScopes() {
        return ServiceScopes.create()
                .require(CustomerServiceGrpc.getGetCustomerMethod(), "identity.customers.read");
    }
}
