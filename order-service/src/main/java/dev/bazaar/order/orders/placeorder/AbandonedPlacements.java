package dev.bazaar.order.orders.placeorder;

import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.config.OrderProperties;
import dev.bazaar.order.idempotency.IdempotencyKeys;

/**
 * Undoes placements that died after claiming their key (a crash, catalog unreachable
 * for the release): releases their stock at catalog — a release also makes catalog
 * refuse any late reserve for that order — then drops the claim so the key is free.
 * A claim's id is the id of the order it was placing.
 * <p>
 * The claims are leased, not locked, while catalog is called: no transaction stays open across
 * the remote call, so a slow catalog holds neither a database connection nor a row anyone else
 * needs. Instances share the work by their leases; a release that fails leaves the lease to run
 * out, and a later sweep (of any instance) tries again. The releases of one round stop once half
 * the lease is used up, so no claim is still being handled when its lease ends.
 */
@Component
class AbandonedPlacements {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPlacements.class);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final int BATCH = 20;

    private final IdempotencyKeys keys;
    private final CatalogClient catalog;
    private final OrderProperties properties;

    AbandonedPlacements(IdempotencyKeys keys, CatalogClient catalog, OrderProperties properties) {
        this.keys = keys;
        this.catalog = catalog;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${bazaar.order.sweep-interval:10s}", initialDelayString = "${bazaar.order.sweep-interval:10s}")
    void undoAbandoned() {
        long started = System.nanoTime();
        for (UUID orderId : keys.leaseAbandoned(properties.abandonAfter(), BATCH, LEASE)) {
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(LEASE.dividedBy(2)) > 0) {
                return;
            }
            try {
                catalog.release(orderId);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("orderId", orderId).log("abandoned placement not released yet");
                continue;
            }
            keys.forgetAbandoned(orderId);
            log.atInfo().addKeyValue("orderId", orderId).log("abandoned placement released");
        }
    }
}
