package dev.bazaar.catalog.stock.reservestock;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many ReserveStock requests this instance served, by outcome: Bazaar's own counter
 * ({@code bazaar_catalog_stock_reservations_total} on the management port), so a run with several
 * catalog instances can tell what each one did whatever Micrometer's own observations become.
 * Requests refused as invalid, for an unknown product or for an order already released are not
 * reservations served and are not counted.
 */
@Component
public class ReservationsServed {

    static final String NAME = "bazaar.catalog.stock.reservations";

    private final Counter reserved;
    private final Counter insufficient;
    private final Counter replayed;

    ReservationsServed(MeterRegistry registry) {
        this.reserved = counter(registry, "reserved");
        this.insufficient = counter(registry, "insufficient");
        this.replayed = counter(registry, "replayed");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).tag("outcome", outcome)
                .description("ReserveStock requests served: newly held, refused for short stock, or a repeat of an order's reservation")
                .register(registry);
    }

    public void count(ReserveStockHandler.Outcome outcome) {
        switch (outcome) {
            case ReserveStockHandler.Reserved held when held.replayed() -> replayed.increment();
            case ReserveStockHandler.Reserved _ -> reserved.increment();
            case ReserveStockHandler.Refused _ -> insufficient.increment();
        }
    }
}
