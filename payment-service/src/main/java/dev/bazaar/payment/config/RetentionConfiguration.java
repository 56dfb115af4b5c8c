package dev.bazaar.payment.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.payment.payments.ChargeAttempts;

/** The rows payment-service lets libs/messaging's retention sweep delete; each rule's SQL stays with its store. */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    @Bean
    RetentionRule chargeAttemptRetention() {
        return ChargeAttempts.RETENTION;
    }
}
