package dev.bazaar.e2e.faults;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * The machine's own Postgres and RabbitMQ, restarted for real. Both are shared with every
 * other test run and a running {@code ./bazaar up}, so the suite does this only when
 * {@code bazaar.faults.infra=true} (CI, where nothing else runs).
 */
final class Infrastructure {

    private Infrastructure() {
    }

    static boolean realRestartsAllowed() {
        return Boolean.getBoolean("bazaar.faults.infra");
    }

    static void restartPostgres() {
        run(Duration.ofSeconds(120), "pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "restart");
        awaitPostgres();
    }

    static void awaitPostgres() {
        Awaitility.await("postgres accepting connections").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> exitCode(Duration.ofSeconds(10), "pg_isready", "-h", "127.0.0.1") == 0);
    }

    static void stopBroker() {
        run(Duration.ofSeconds(120), "rabbitmqctl", "stop_app");
    }

    static void startBroker() {
        run(Duration.ofSeconds(180), "rabbitmqctl", "start_app");
        run(Duration.ofSeconds(120), "rabbitmqctl", "await_startup");
    }

    /** The one cluster under /etc/postgresql (15 on this machine). */
    private static String postgresVersion() {
        String[] versions = new File("/etc/postgresql").list();
        if (versions == null || versions.length == 0) {
            return "15";
        }
        return Arrays.stream(versions).sorted().toList().getLast();
    }

    private static void run(Duration timeout, String... command) {
        int exit = exitCode(timeout, command);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int exitCode(Duration timeout, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            // the commands say a few lines at most: the pipe never fills before they exit
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 && !output.isEmpty()) {
                System.out.println("[faults] " + String.join(" ", command) + ": " + output);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
