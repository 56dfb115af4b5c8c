package dev.bazaar.order.orders.placeorder;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.order.catalog.CatalogClient;
import dev.bazaar.order.config.OrderProperties;
import dev.bazaar.order.idempotency.IdempotencyKeys;

/**
 * Undoes placements that died after claiming their key (a crash, catalog unreachable
 * for the release): releases their stock at catalog — a release also makes catalog
 * refuse any late reserve for that order — then drops the claim so the key is free.
 * A claim's id is the id of the order it was placing.
 */
@Component
class AbandonedPlacements {

    private static final Logger log = LoggerFactory.getLogger(AbandonedPlacements.class);

    private final IdempotencyKeys keys;
    private final CatalogClient catalog;
    private final TransactionTemplate transaction;
    private final OrderProperties properties;

    AbandonedPlacements(IdempotencyKeys keys, CatalogClient catalog, TransactionTemplate transaction,
            OrderProperties properties) {
        this.keys = keys;
        this.catalog = catalog;
        this.transaction = transaction;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${bazaar.order.sweep-interval:10s}", initialDelayString = "${bazaar.order.sweep-interval:10s}")
    void undoAbandoned() {
        transaction.executeWithoutResult(tx -> {
            for (UUID orderId : keys.lockAbandoned(properties.abandonAfter(), 20)) {
                try {
                    catalog.release(orderId);
                } catch (RuntimeException e) {
                    log.atWarn().addKeyValue("orderId", orderId).log("abandoned placement not released yet");
                    continue;
                }
                keys.forgetAbandoned(orderId);
                log.atInfo().addKeyValue("orderId", orderId).log("abandoned placement released");
            }
        });
    }
}
