package dev.bazaar.messaging.config;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A number read from the database or the broker at most once per interval, because a
 * scrape every few seconds from several Prometheus replicas should not turn into load.
 * Reads NaN while the source fails.
 */
final class Sampled<S> {

    private static final Logger log = LoggerFactory.getLogger(Sampled.class);

    private final S source;
    private final ToDoubleFunction<S> read;
    private final long intervalNanos;
    private double value = Double.NaN;
    private long readAt;
    private boolean sampled;

    Sampled(S source, ToDoubleFunction<S> read, Duration interval) {
        this.source = source;
        this.read = read;
        this.intervalNanos = interval.toNanos();
    }

    synchronized double get() {
        long now = System.nanoTime();
        if (!sampled || now - readAt >= intervalNanos) {
            sampled = true;
            readAt = now;
            try {
                value = read.applyAsDouble(source);
            } catch (RuntimeException e) {
                // debug only: an unreachable broker or database is reported by health checks
                log.atDebug().addKeyValue("error", e.getMessage()).log("metric sample failed");
                value = Double.NaN;
            }
        }
        return value;
    }
}
