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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per step of a step-up run: each request's time and outcome, and each saga's time from
 * placing the order to seeing it CONFIRMED. Gatling's report covers the whole run; the
 * knee needs each step on its own. Arrivals of the warm-up before the first step belong to
 * no step (step -1) and are not counted.
 */
final class StepStats {

    /**
     * How long a finished step's last arrivals get to answer before the step is judged: a
     * shopper polls its order at most 100 times, 100 ms apart.
     */
    private static final long JUDGING_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

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
    private final long warmupNanos;
    private final long stepNanos;
    private final long maxP99;
    private final List<ConcurrentLinkedQueue<Sample>> requests = new ArrayList<>();
    private final List<ConcurrentLinkedQueue<Long>> sagas = new ArrayList<>();
    private final List<ConcurrentLinkedQueue<Long>> placements = new ArrayList<>();
    private final List<AtomicLong> orders = new ArrayList<>();
    private final AtomicLong startedAt = new AtomicLong();
    private volatile long startedAtEpochMillis;
    /** The first step found unhealthy while the run went on, -1 while none was. */
    private volatile int unhealthyStep = -1;
    private volatile long stoppedAfterNanos;
    private int judged;

    StepStats(double start, double increment, int steps, long warmupNanos, long stepNanos, long maxP99) {
        this.start = start;
        this.increment = increment;
        this.warmupNanos = warmupNanos;
        this.stepNanos = stepNanos;
        this.maxP99 = maxP99;
        for (int i = 0; i < steps; i++) {
            requests.add(new ConcurrentLinkedQueue<>());
            sagas.add(new ConcurrentLinkedQueue<>());
            placements.add(new ConcurrentLinkedQueue<>());
            orders.add(new AtomicLong());
        }
    }

    /** The step an arrival belongs to, by when it arrived (-1: the warm-up); the first arrival starts the clock. */
    int stepNow() {
        long now = System.nanoTime();
        if (startedAt.compareAndSet(0, now)) {
            startedAtEpochMillis = System.currentTimeMillis();
        }
        long sinceSteps = now - startedAt.get() - warmupNanos;
        return sinceSteps < 0 ? -1 : (int) Math.min(requests.size() - 1, sinceSteps / stepNanos);
    }

    void request(int step, long millis, boolean ok) {
        if (step >= 0) {
            requests.get(step).add(new Sample(millis, ok));
        }
    }

    void placed(int step, long millis) {
        if (step >= 0) {
            orders.get(step).incrementAndGet();
            placements.get(step).add(millis);
        }
    }

    void confirmed(int step, long sagaMillis) {
        if (step >= 0) {
            sagas.get(step).add(sagaMillis);
        }
    }

    /**
     * Whether a step before the last was unhealthy: every step after it would only be more
     * overload, so StepUp stops injecting. Each step is judged once, {@link #JUDGING_GRACE_NANOS}
     * after it ended, when its slow requests have answered; the last step needs no judging,
     * the run ends with it anyway.
     */
    boolean pastTheKnee() {
        if (unhealthyStep >= 0) {
            return true;
        }
        long started = startedAt.get();
        if (started == 0) {
            return false;
        }
        long sinceSteps = System.nanoTime() - started - warmupNanos;
        synchronized (this) {
            while (unhealthyStep < 0 && judged < requests.size() - 1
                    && sinceSteps >= (judged + 1) * stepNanos + JUDGING_GRACE_NANOS) {
                if (!step(judged).healthy(maxP99)) {
                    stoppedAfterNanos = sinceSteps;
                    unhealthyStep = judged;
                }
                judged++;
            }
        }
        return unhealthyStep >= 0;
    }

    List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            steps.add(step(i));
        }
        return steps;
    }

    private Step step(int i) {
        long[] times = requests.get(i).stream().mapToLong(Sample::millis).sorted().toArray();
        long failed = requests.get(i).stream().filter(s -> !s.ok()).count();
        long[] saga = sagas.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
        long[] place = placements.get(i).stream().mapToLong(Long::longValue).sorted().toArray();
        return new Step(start + i * increment, times.length, failed, percentile(times, 50), percentile(times, 99),
                percentile(place, 99), orders.get(i).get(), saga.length, percentile(saga, 99), stepNanos / 1e9);
    }

    /**
     * A table for people and a key=value block for load-tests/bench, written to {@code file}:
     * each step, each step's window (epoch ms, so that samples taken outside Gatling can be
     * put in their step), the run's start and end, where it stopped and the knee.
     */
    String report(Path file) {
        List<Step> all = steps();
        // after a stop the next step ran only in part, and its sessions were cut off: not reported
        int last = unhealthyStep >= 0 ? unhealthyStep : all.size() - 1;
        StringBuilder text = new StringBuilder("# step-up: rate (orders/s) | requests | errors | p50 ms | p99 ms | "
                + "place-order p99 ms | orders | confirmed | confirmed/s | saga p99 ms | healthy\n");
        Step knee = null;
        int firstUnhealthy = -1;
        for (int i = 0; i <= last; i++) {
            Step s = all.get(i);
            // a step judged unhealthy during the run stays so, whatever answered after the stop
            boolean healthy = s.healthy(maxP99) && i != unhealthyStep;
            if (firstUnhealthy < 0 && !healthy) {
                firstUnhealthy = i;
            }
            // the knee is the last healthy step before the first unhealthy one
            if (firstUnhealthy < 0) {
                knee = s;
            }
            text.append(String.format(Locale.ROOT, "step.%d=%.1f | %d | %.3f%% | %d | %d | %d | %d | %d | %.2f | %d | %s%n",
                    i, s.rate(), s.requests(), 100 * s.errorRate(), s.p50(), s.p99(), s.placeP99(), s.orders(),
                    s.confirmed(), s.confirmed() / s.seconds(), s.sagaP99(), healthy ? "yes" : "no"));
        }
        long stepsStart = startedAtEpochMillis + TimeUnit.NANOSECONDS.toMillis(warmupNanos);
        long stepMillis = TimeUnit.NANOSECONDS.toMillis(stepNanos);
        for (int i = 0; i <= last; i++) {
            text.append(String.format(Locale.ROOT, "window.%d=%d %d%n", i, stepsStart + i * stepMillis,
                    stepsStart + (i + 1) * stepMillis));
        }
        // the report is written once every session has ended: the end of the sagas' work
        text.append("run.startMs=").append(startedAtEpochMillis).append('\n')
                .append("run.warmupMs=").append(TimeUnit.NANOSECONDS.toMillis(warmupNanos)).append('\n')
                .append("run.endMs=").append(System.currentTimeMillis()).append('\n');
        text.append(unhealthyStep >= 0
                ? String.format(Locale.ROOT, "stopped=after step %d was unhealthy, %.0f s into step %d%n", unhealthyStep,
                        (stoppedAfterNanos - (unhealthyStep + 1) * stepNanos) / 1e9, unhealthyStep + 1)
                : "stopped=no\n");
        text.append("firstUnhealthy=").append(firstUnhealthy < 0 ? "none" : String.valueOf(firstUnhealthy)).append('\n');
        if (knee == null) {
            text.append("knee=none\n# even the first step had p99 >= ").append(maxP99).append(" ms or errors >= 0.1 %\n");
        } else {
            text.append(String.format(Locale.ROOT, "knee.rate=%.1f%nknee.confirmedPerSecond=%.2f%nknee.p99Ms=%d%n"
                    + "knee.placeP99Ms=%d%nknee.sagaP99Ms=%d%n", knee.rate(), knee.confirmed() / knee.seconds(),
                    knee.p99(), knee.placeP99(), knee.sagaP99()));
            // every step healthy: the knee lies above the last step, which is a lower bound only
            text.append("knee.bounded=").append(firstUnhealthy >= 0 ? "yes" : "no").append('\n');
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
