package dev.bazaar.payment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bazaar.defaults.grpc.ServiceScopes;
import dev.bazaar.proto.payment.v1.PaymentServiceGrpc;

@Configuration(proxyBeanMethods = false)
class GrpcConfiguration {

    @Bean
    ServiceScopes serviceScopes() {
        return ServiceScopes.create()
                .require(PaymentServiceGrpc.getGetPaymentMethod(), "payment.payments.read");
    }
}
