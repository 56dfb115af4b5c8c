package dev.bazaar.payment.payments.chargeorder;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.bazaar.payment.provider.PaymentProvider;
import dev.bazaar.payment.provider.PaymentProvider.ChargeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Scope;

/**
 * Makes the queued charges of every instance, up to {@code charge-concurrency} at once per
 * instance. One dispatcher thread claims charges (SKIP LOCKED, leased) while there is room;
 * each claimed charge then waits for the processor on a virtual thread of its own, with the
 * deadline {@code provider-timeout}, so a slow charge holds nothing but its own order.
 *
 * <p>On context close (a SIGTERM) the workers stop claiming and the charges in progress
 * complete and are recorded; their calls end by their deadline at the latest. One still
 * running past that is cut and handed back, and another instance asks the processor for it
 * by its key. The phase stops the workers after the inbox listeners (no new placements) and
 * before the datasource closes, which happens only once every lifecycle bean has stopped.
 */
@Component
class ChargeWorkers implements SmartLifecycle {

    /** Below the listener containers' phase, so they stop taking placements first. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(ChargeWorkers.class);

    private final ChargeAttemptHandler attempts;
    private final PaymentProvider provider;
    private final ChargeProperties properties;
    private final Map<ChargeOutcome, Counter> counted = new EnumMap<>(ChargeOutcome.class);
    private final Semaphore room;
    private final Semaphore work = new Semaphore(0);
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Set<Future<ChargeResult>> calls = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private Thread dispatcher;
    private ExecutorService charges;

    ChargeWorkers(ChargeAttemptHandler attempts, PaymentProvider provider, ChargeProperties properties,
            MeterRegistry meters) {
        this.attempts = attempts;
        this.provider = provider;
        this.properties = properties;
        this.room = new Semaphore(properties.chargeConcurrency());
        for (ChargeOutcome outcome : ChargeOutcome.values()) {
            if (outcome != ChargeOutcome.REPLAYED) {
                counted.put(outcome, Counter.builder("bazaar.payment.charges").tag("outcome", outcome.tag())
                        .description("Charge attempts of this instance, by what became of them")
                        .register(meters));
            }
        }
    }

    /** A charge was queued here: claim it now rather than at the next poll. */
    void wakeUp() {
        work.release();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        charges = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("charge-", 0).factory());
        dispatcher = Thread.ofPlatform().name("charge-dispatcher").daemon().start(this::dispatch);
        log.atInfo().addKeyValue("instance", properties.instance())
                .addKeyValue("concurrency", properties.chargeConcurrency()).log("charge workers started");
    }

    @Override
    public void stop(Runnable callback) {
        if (!running) {
            callback.run();
            return;
        }
        running = false;
        work.release();
        Thread.ofPlatform().name("charge-workers-stop").start(() -> {
            try {
                finishInProgress();
            } finally {
                callback.run();
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        work.release();
        finishInProgress();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void dispatch() {
        while (running) {
            try {
                if (!room.tryAcquire(properties.chargePollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Optional<ClaimedCharge> claimed = claim();
                if (claimed.isEmpty()) {
                    room.release();
                    idle();
                    continue;
                }
                inProgress.incrementAndGet();
                charges.execute(() -> {
                    try {
                        settle(claimed.get());
                    } finally {
                        inProgress.decrementAndGet();
                        room.release();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Optional<ClaimedCharge> claim() {
        if (!running) {
            return Optional.empty();
        }
        try {
            return attempts.claimNext(properties.chargeLease(), properties.instance());
        } catch (RuntimeException e) {
            // the database is away: nothing was claimed, so nothing is lost; the dispatcher idles a poll
            log.atWarn().addKeyValue("error", e.toString()).log("charge claim failed");
            return Optional.empty();
        }
    }

    private void idle() throws InterruptedException {
        if (work.tryAcquire(properties.chargePollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
            work.drainPermits();
        }
    }

    /** Calls the processor with the deadline and records its answer, or hands the charge back. */
    private void settle(ClaimedCharge charge) {
        // in the placement's trace: the processor call, the record and the outcome event join it
        try (Scope ignored = charge.claim().trace().makeCurrent()) {
            settleInTrace(charge);
        }
    }

    private void settleInTrace(ClaimedCharge charge) {
        Future<ChargeResult> call = charges.submit(() -> provider.charge(charge.idempotencyKey(), charge.amount(),
                charge.claim().paymentToken()));
        calls.add(call);
        ChargeResult result;
        try {
            result = call.get(properties.providerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            handBack(charge, charge.backoff(), "deadline passed");
            return;
        } catch (ExecutionException e) {
            handBack(charge, charge.backoff(), String.valueOf(e.getCause()));
            return;
        } catch (CancellationException | InterruptedException e) {
            // cut by the instance stopping: another instance may ask for it at once
            handBack(charge, Duration.ZERO, "instance stopping");
            return;
        } finally {
            calls.remove(call);
        }
        try {
            count(attempts.record(charge, result));
        } catch (RuntimeException e) {
            // the lease runs out and another worker asks the processor again by the key: the same answer
            log.atWarn().addKeyValue("orderId", charge.orderId()).addKeyValue("error", e.toString())
                    .log("charge outcome not recorded; left to its lease");
        }
    }

    private void handBack(ClaimedCharge charge, Duration delay, String why) {
        count(ChargeOutcome.FAILED);
        log.atWarn().addKeyValue("orderId", charge.orderId()).addKeyValue("claims", charge.claim().claims())
                .addKeyValue("retryIn", delay).addKeyValue("why", why)
                .log("charge got no answer from the processor; handed back");
        try {
            attempts.handBack(charge, delay);
        } catch (RuntimeException e) {
            log.atWarn().addKeyValue("orderId", charge.orderId()).addKeyValue("error", e.toString())
                    .log("charge not handed back; left to its lease");
        }
    }

    private void count(ChargeOutcome outcome) {
        Counter counter = counted.get(outcome);
        if (counter != null) {
            counter.increment();
        }
    }

    /**
     * Waits for the charges in progress: each call ends by its deadline, and its record
     * follows. Whatever is still running after that grace is cut and handed back.
     */
    private void finishInProgress() {
        Thread claiming = dispatcher;
        long deadline = System.nanoTime() + properties.stopGrace().toNanos();
        int all = properties.chargeConcurrency();
        try {
            if (claiming != null) {
                claiming.join(properties.stopGrace());
            }
            // every charge in progress holds a permit of room until it is recorded or handed back
            boolean finished = room.tryAcquire(all, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!finished) {
                calls.forEach(call -> call.cancel(true));
                finished = room.tryAcquire(all, 2, TimeUnit.SECONDS);
            }
            if (finished) {
                room.release(all);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.atInfo().addKeyValue("instance", properties.instance()).addKeyValue("leftToLease", inProgress.get())
                .log("charge workers stopped");
        ExecutorService stopping = charges;
        if (stopping != null) {
            stopping.shutdown();
        }
    }
}
