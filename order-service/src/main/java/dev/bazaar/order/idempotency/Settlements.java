package dev.bazaar.order.idempotency;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes requests that wait for a twin with the same Idempotency-Key. Whoever settles a key
 * (answers it, gives it up, sweeps it) sends a Postgres NOTIFY in that transaction; this
 * instance LISTENs on one connection of its own, outside the pool, and wakes the waiters of
 * that key. So a waiting request holds no pooled connection and reads nothing until there is
 * something to read, and a twin running on another instance wakes it just the same.
 * <p>
 * While the listening connection is down, notifications are lost: every waiter is woken
 * when it comes back (and when it goes), to read the key's state again for itself.
 */
@Component
public class Settlements implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Settlements.class);
    private static final int HEARTBEAT_MILLIS = 5_000;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private final JdbcConnectionDetails database;
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    Settlements(JdbcConnectionDetails database) {
        this.database = database;
    }

    static String topic(String caller, String key) {
        // keys have no spaces, so the pair reads back unambiguously
        return key + " " + caller;
    }

    /**
     * Starts watching a key. Watch before reading the key's state: a settlement that lands
     * between the read and the wait then still wakes the waiter.
     */
    Waiter watch(String caller, String key) {
        Waiter waiter = new Waiter(topic(caller, key));
        waiters.computeIfAbsent(waiter.topic, t -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    final class Waiter implements AutoCloseable {

        private final String topic;
        private final CountDownLatch settled = new CountDownLatch(1);

        private Waiter(String topic) {
            this.topic = topic;
        }

        /** True when woken before the time ran out. */
        boolean await(Duration atMost) throws InterruptedException {
            return settled.await(atMost.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            waiters.computeIfPresent(topic, (t, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofVirtual().name("idempotency-settlements").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Connection open = connection;
        if (open != null) {
            try {
                // unblocks the listener's read at once; close() would wait for it
                open.abort(Runnable::run);
            } catch (SQLException e) {
                log.atDebug().setCause(e).log("idempotency listener not aborted");
            }
        }
        listener.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server: listening when the first request can arrive. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }

    private void listen() {
        while (running) {
            try (Connection open = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
                    database.getPassword())) {
                connection = open;
                try (Statement listen = open.createStatement()) {
                    listen.execute("LISTEN " + IdempotencyKeys.CHANNEL);
                }
                wakeAll();
                PGConnection notifications = open.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(HEARTBEAT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.atWarn().addKeyValue("reason", String.valueOf(e.getMessage())).log("idempotency listener lost its connection");
                wakeAll();
                try {
                    Thread.sleep(RECONNECT_PAUSE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void wake(String topic) {
        Set<Waiter> woken = waiters.get(topic);
        if (woken != null) {
            woken.forEach(w -> w.settled.countDown());
        }
    }

    private void wakeAll() {
        waiters.values().forEach(set -> set.forEach(w -> w.settled.countDown()));
    }
}
