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
 * needs. Instances share the work by their leases. A release that fails ends its lease at once,
 * so the next sweep (of any instance) tries again: a shopper retrying the same Idempotency-Key
 * waits for catalog to come back, not for a lease to run out. A lease only runs out when its
 * sweeper died; it lasts three gRPC deadlines, and a round starts no release after the first
 * deadline, so no claim is still being handled when its lease ends.
 */
@Component
class AbandonedPlacements {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPlacements.class);
    private static final int BATCH = 20;

    private final IdempotencyKeys keys;
    private final CatalogClient catalog;
    private final OrderProperties properties;

    AbandonedPlacements(IdempotencyKeys keys, CatalogClient catalog, OrderProperties properties) {
        this.keys = keys;
        this.catalog = catalog;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${bazaar.order.sweep-interval:5s}", initialDelayString = "${bazaar.order.sweep-interval:5s}")
    void undoAbandoned() {
        long started = System.nanoTime();
        Duration lastStart = properties.callTimeout();
        for (UUID orderId : keys.leaseAbandoned(properties.abandonAfter(), BATCH, lastStart.multipliedBy(3))) {
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(lastStart) > 0) {
                keys.endLease(orderId); // not tried in this round: the next one may take it at once
                continue;
            }
            try {
                catalog.release(orderId);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("orderId", orderId).log("abandoned placement not released yet");
                keys.endLease(orderId);
                continue;
            }
            keys.forgetAbandoned(orderId);
            log.atInfo().addKeyValue("orderId", orderId).log("abandoned placement released");
        }
    }
}
