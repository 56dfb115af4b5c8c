package dev.bazaar.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One instance of a Bazaar service as a real operating-system process, started from its built
 * jar the way {@code ./bazaar up} starts it, with its log in {@code target/e2e-logs/<instance>.log}.
 */
public final class ServiceProcess {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String service;
    private final String name;
    private final Path jar;
    private final int httpPort;
    private final int managementPort;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceProcess(String service, String name, Path jar, int httpPort, int managementPort,
            Map<String, String> environment, Path logDirectory) {
        this.service = service;
        this.name = name;
        this.jar = jar;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.environment = environment;
        environment.put("SERVER_PORT", String.valueOf(httpPort));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        this.log = logDirectory.resolve(name + ".log");
    }

    /** The instance: {@code catalog-2}; the gateway, alone of its kind, is just {@code gateway}. */
    public String name() {
        return name;
    }

    /** The service it is an instance of: {@code catalog}. */
    public String service() {
        return service;
    }

    public Path log() {
        return log;
    }

    /** Read when the process starts: changes apply from the next {@link #start()}. */
    public Map<String, String> environment() {
        return environment;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Where its Actuator answers (metrics, health with components): a port shoppers never reach. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:+UseCompactObjectHeaders",
                "--enable-native-access=ALL-UNNAMED", "-javaagent:" + agentOf(jar),
                "-Dotel.javaagent.configuration-file=" + agentConfigurationOf(jar), "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    public void awaitReady(Duration timeout) {
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(300)).until(() -> {
                assertRunning();
                return ready();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready after " + timeout + "; see " + log, e);
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Says which service died and where its log is, rather than letting a caller wait for it. */
    public synchronized void assertRunning() {
        if (!alive()) {
            throw new IllegalStateException(name + (process == null ? " was never started" : " exited with "
                    + process.exitValue()) + "; see " + log);
        }
    }

    public boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/readyz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A graceful stop, as an operator's SIGTERM: 30 s to finish what is in flight, as {@code ./bazaar down} gives. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor(Duration.ofSeconds(30));
            if (process.isAlive()) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(5));
            }
        }
    }

    /** {@code kill -9}: no shutdown hooks, no graceful anything. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private void waitFor(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The module's built jar, copied for this run to {@code e2e-tests/target/e2e-jars}: a rebuild of
     * the module while the suite runs must not swap classes under a running process, and an
     * instance started again runs the same build as its first start.
     */
    static Path jarOf(Path root, String module) {
        File[] jars = root.resolve(module).resolve("target").toFile()
                .listFiles((dir, file) -> file.endsWith("-SNAPSHOT.jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("no jar in " + module + "/target: build it first (./mvnw package)");
        }
        Path copy = root.resolve("e2e-tests/target/e2e-jars").resolve(module + ".jar");
        try {
            Files.createDirectories(copy.getParent());
            Path partial = copy.resolveSibling(module + ".jar.partial");
            Files.copy(jars[0].toPath(), partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + jars[0] + " for the run", e);
        }
        return copy;
    }

    /** The OpenTelemetry agent copied into e2e-tests/target by the build: each service is traced as under {@code ./bazaar up}. */
    private static Path agentOf(Path serviceJar) {
        Path agent = repositoryOf(serviceJar).resolve("e2e-tests/target/opentelemetry-javaagent.jar");
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no " + agent + ": run ./mvnw -pl e2e-tests process-test-resources");
        }
        return agent;
    }

    /** The instrumentations Bazaar uses, as {@code ./bazaar} and the images give them to the agent. */
    private static Path agentConfigurationOf(Path serviceJar) {
        return repositoryOf(serviceJar).resolve("deploy/otel/agent.properties");
    }

    /** {@code <repository>/e2e-tests/target/e2e-jars/<jar>}, as {@link #jarOf} copies it. */
    private static Path repositoryOf(Path serviceJar) {
        return serviceJar.getParent().getParent().getParent().getParent();
    }
}
