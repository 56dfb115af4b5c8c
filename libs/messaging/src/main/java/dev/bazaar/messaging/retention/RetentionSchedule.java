package dev.bazaar.messaging.retention;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs the sweep every {@link RetentionProperties#interval()} on every instance; the
 * sweep's lock lets one of them do the work. It has a scheduler thread of its own: Boot's
 * shared scheduler has a single thread, and a sweep through a long backlog must not hold up
 * a service's own scheduled work (payment timeouts, key rotation).
 */
public class RetentionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final RetentionSweep sweep;
    private final RetentionProperties properties;
    private volatile ThreadPoolTaskScheduler scheduler;

    public RetentionSchedule(RetentionSweep sweep, RetentionProperties properties) {
        this.sweep = sweep;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        if (!properties.enabled()) {
            log.atInfo().log("retention sweep disabled by bazaar.retention.enabled");
            return;
        }
        ThreadPoolTaskScheduler started = new ThreadPoolTaskScheduler();
        started.setThreadNamePrefix("retention-");
        started.setDaemon(true);
        // stop interrupts a running round, which ends after its current batch
        started.setWaitForTasksToCompleteOnShutdown(false);
        started.setAwaitTerminationSeconds(10);
        started.initialize();
        // fixed delay: rounds of one instance never overlap, however long one takes
        started.scheduleWithFixedDelay(this::round, Instant.now().plus(properties.initialDelay()),
                properties.interval());
        scheduler = started;
        log.atInfo()
                .addKeyValue("interval", properties.interval())
                .addKeyValue("rules", sweep.rules().stream().map(RetentionRule::name).toList())
                .log("retention sweep scheduled");
    }

    private void round() {
        try {
            sweep.sweep();
        } catch (RuntimeException e) {
            // the database is away or a rule is wrong: try again next round
            log.atWarn().addKeyValue("error", e.getMessage()).log("retention sweep failed");
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
