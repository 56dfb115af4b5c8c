package dev.bazaar.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per step of a step-up run: each request's time and outcome, and each saga's time from
 * placing the order to seeing it CONFIRMED. Gatling's report covers the whole run; the
 * knee needs each step on its own.
 */
final class StepStats {

    record Step(double rate, long requests, long failed, long p50, long p99, long placeP99, long orders,
            long confirmed, long sagaP99, double seconds) {

        double errorRate() {
            return requests == 0 ? 0 : (double) failed / requests;
        }

        boolean healthy(long maxP99) {
            return requests > 0 && p99 < maxP99 && errorRate() < 0.001;
        }
    }

    private record Sample(long millis, boolean ok) {
    }

    private final double start;
    private final double increment;
    private final long stepNanos;
    private final List<ConcurrentLinkedQueue<Sample>> requests = new ArrayList<>();
    private final List<ConcurrentLinkedQueue<Long>> sagas = new ArrayList<>();
    private final List<ConcurrentLinkedQueue<Long>> placements = new ArrayList<>();
    private final List<AtomicLong> orders = new ArrayList<>();
    private final AtomicLong startedAt = new AtomicLong();

    StepStats(double start, double increment, int steps, long stepNanos) {
        this.start = start;
        this.increment = increment;
        this.stepNanos = stepNanos;
        for (int i = 0; i < steps; i++) {
            requests.add(new ConcurrentLinkedQueue<>());
            sagas.add(new ConcurrentLinkedQueue<>());
            placements.add(new ConcurrentLinkedQueue<>());
            orders.add(new AtomicLong());
        }
    }

    /** The step an arrival belongs to, by when it arrived; the first arrival starts the clock. */
    int stepNow() {
        long now = System.nanoTime();
        startedAt.compareAndSet(0, now);
        return (int) Math.min(requests.size() - 1, (now - startedAt.get()) / stepNanos);
    }

    void request(int step, long millis, boolean ok) {
        requests.get(step).add(new Sample(millis, ok));
    }

    void placed(int step, long millis) {
        orders.get(step).incrementAndGet();
        placements.get(step).add(millis);
    }

    void confirmed(int step, long sagaMillis) {
        sagas.get(step).add(sagaMillis);
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            long[] times = requests.get(i).stream().mapToLong(Sample::millis).sorted().toArray();
            long failed = requests.get(i).stream().filter(s -> !s.ok()).count();
            long[] saga = sagas.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            long[] place = placements.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
            steps.add(new Step(start + i * increment, times.length, failed, percentile(times, 50),
                    percentile(times, 99), percentile(place, 99), orders.get(i).get(), saga.length,
                    percentile(saga, 99), stepNanos / 1e9));
        }
        return steps;
    }

    /** A table for people and a key=value block for load-tests/bench, written to {@code file}. */
    String report(long maxP99, Path file) {
        StringBuilder text = new StringBuilder("# step-up: rate (orders/s) | requests | errors | p50 ms | p99 ms | "
                + "place-order p99 ms | orders | confirmed/s | saga p99 ms | healthy\n");
        Step knee = null;
        boolean healthySoFar = true;
        int i = 0;
        for (Step s : steps()) {
            boolean healthy = s.healthy(maxP99);
            // the knee is the last healthy step before the first unhealthy one
            healthySoFar &= healthy;
            if (healthySoFar) {
                knee = s;
            }
            text.append(String.format(Locale.ROOT, "step.%d=%.1f | %d | %.3f%% | %d | %d | %d | %d | %.2f | %d | %s%n",
                    i++, s.rate(), s.requests(), 100 * s.errorRate(), s.p50(), s.p99(), s.placeP99(), s.orders(),
                    s.confirmed() / s.seconds(), s.sagaP99(), healthy ? "yes" : "no"));
        }
        if (knee == null) {
            text.append("knee=none\n# even the first step had p99 >= ").append(maxP99).append(" ms or errors >= 0.1 %\n");
        } else {
            text.append(String.format(Locale.ROOT, "knee.rate=%.1f%nknee.confirmedPerSecond=%.2f%nknee.p99Ms=%d%n"
                    + "knee.placeP99Ms=%d%nknee.sagaP99Ms=%d%n", knee.rate(), knee.confirmed() / knee.seconds(),
                    knee.p99(), knee.placeP99(), knee.sagaP99()));
            // every step healthy: the knee lies above the last step, which is a lower bound only
            text.append("knee.bounded=").append(healthySoFar ? "no" : "yes").append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return Arrays.toString(steps().toArray());
    }
}
