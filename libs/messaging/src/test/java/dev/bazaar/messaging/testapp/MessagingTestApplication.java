package dev.bazaar.messaging.testapp;

import java.time.Duration;

import dev.bazaar.messaging.retention.RetentionRule;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/** A service with two event handlers, the smallest thing the messaging library runs in. */
@SpringBootApplication
public class MessagingTestApplication {

    /** Notes of the test service's own that expire, as a service's idempotency keys do. */
    @Bean
    RetentionRule expiringNotes() {
        return new RetentionRule("expiring-notes", "expiring_note", "written_at < :before", Duration.ofDays(30));
    }

    /** Services guard these paths with ADMIN; here the test calls them anonymously. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain openDeadLetterEndpoint(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/*/admin/dead-letters/**", "/api/*/admin/dead-letters")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }
}
