package dev.bazaar.messaging.testapp;

import java.time.Duration;
import java.util.List;

import dev.bazaar.messaging.retention.RetentionRule;
import dev.bazaar.messaging.topology.EventTopology;
import dev.bazaar.messaging.topology.EventTopology.EventType;

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

    /** A type of the test service that no service consumes: it goes to the unrouted queue. */
    public static final String UNCONSUMED = "test.widget.noticed";

    /** A type only another service consumes, which is never running here: its queue just waits. */
    public static final String CONSUMED_ELSEWHERE = "test.widget.shipped";

    public static final String ELSEWHERE = "itest-elsewhere";

    /** The test service's events instead of Bazaar's: each of its handlers, and two types more. */
    @Bean
    EventTopology testTopology() {
        return new EventTopology(List.of(
                EventType.of(WidgetChangedHandler.ROUTING_KEY, "itest", "itest"),
                EventType.of(WidgetCheckedHandler.ROUTING_KEY, "itest", "itest"),
                EventType.of(WidgetRepairedHandler.ROUTING_KEY, "itest", "itest"),
                EventType.of(WidgetHeldHandler.ROUTING_KEY, "itest", "itest"),
                EventType.of(UNCONSUMED, "itest"),
                EventType.of(CONSUMED_ELSEWHERE, "itest", ELSEWHERE)));
    }

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
