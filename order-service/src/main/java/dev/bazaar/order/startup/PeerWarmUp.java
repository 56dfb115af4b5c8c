package dev.bazaar.order.startup;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import dev.bazaar.defaults.grpc.ServiceTokens;
import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.customers.CustomerDirectory;
import jakarta.annotation.PreDestroy;

/**
 * order-service's first readiness (part of the readiness group): its service token is
 * fetched, its gRPC channels to catalog and identity are connected, and one call to each
 * has run. A cold start costs seconds on both sides of a first call (class loading, a first
 * token, the peers' first key look-up), which the first shopper's checkout would otherwise
 * pay against a 5 s call deadline. Once warm, readiness no longer looks at the peers: a peer
 * that blinks later costs the calls that need it (a 503, the breaker), never order-service's
 * place behind the gateway.
 */
@Component
class PeerWarmUp implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(PeerWarmUp.class);
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final ObjectProvider<ServiceTokens> tokens;
    private final CatalogClient catalog;
    private final CustomerDirectory customers;
    private volatile String waitingFor = "start-up";
    private volatile boolean warm;
    private final TaskScheduler scheduler;
    private volatile boolean stopped;

    PeerWarmUp(ObjectProvider<ServiceTokens> tokens, CatalogClient catalog, CustomerDirectory customers,
            TaskScheduler scheduler) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.customers = customers;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long started = System.nanoTime();
        scheduler.schedule(() -> attempt(started, Duration.ofMillis(250)), Instant.now());
    }

    @PreDestroy
    void stop() {
        stopped = true;
    }

    @Override
    public Health health() {
        return warm ? Health.up().build() : Health.outOfService().withDetail("waitingFor", waitingFor).build();
    }

    /** One try; a failed one schedules the next, each pause twice the last, up to five seconds. */
    private void attempt(long started, Duration pause) {
        if (stopped) {
            return;
        }
        try {
            waitingFor = "a service token from identity";
            tokens.ifAvailable(ServiceTokens::current);
            waitingFor = "catalog (gRPC)";
            catalog.warmUp(CALL_DEADLINE);
            waitingFor = "identity (gRPC)";
            customers.warmUp(CALL_DEADLINE);
            warm = true;
            log.atInfo().addKeyValue("tookMs", Duration.ofNanos(System.nanoTime() - started).toMillis())
                    .log("peers connected and warm");
        } catch (RuntimeException e) {
            log.atInfo().addKeyValue("waitingFor", waitingFor).addKeyValue("reason", String.valueOf(e.getMessage()))
                    .log("peers not ready yet");
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            scheduler.schedule(() -> attempt(started, next), Instant.now().plus(pause));
        }
    }
}
