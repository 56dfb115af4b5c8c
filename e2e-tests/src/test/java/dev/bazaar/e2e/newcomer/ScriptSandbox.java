package dev.bazaar.e2e.newcomer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.bazaar.testsupport.FreePorts;

/**
 * A repository as {@code ./bazaar} sees it, made of stubs: the real script (and the scripts it
 * sources) beside module folders with no code, stub JDKs, a stub {@code psql}, and listening
 * sockets standing in for Postgres, RabbitMQ and Redis. Every port is chosen at run time and the
 * state folder is the sandbox's own, so a run never meets a system the developer has running.
 */
final class ScriptSandbox implements AutoCloseable {

    static final List<String> MODULES =
            List.of("identity-service", "catalog-service", "payment-service", "order-service", "api-gateway");
    static final Path REPOSITORY = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();

    /** Makes every module's jar, as a successful build would. */
    static final String BUILD_THAT_MAKES_JARS = "for m in " + String.join(" ", MODULES)
            + "; do mkdir -p $m/target && : > $m/target/$m-0.1.0-SNAPSHOT.jar; done";

    /** How far apart {@code ./bazaar up --replicas} puts the ports of one instance and the next. */
    static final int INSTANCE_STEP = 1000;

    final Path root;
    final Path jdks;
    final Path instances;
    final int httpBase = baseForTwoInstances(5);
    final int grpcBase = baseForTwoInstances(4) - 1;
    final int managementBase = baseForTwoInstances(5);
    private final List<ServerSocket> infrastructure = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();

    ScriptSandbox(Path root) throws IOException {
        this.root = root;
        this.jdks = Files.createDirectories(root.resolve("jdks"));
        this.instances = Files.createDirectories(root.resolve("instances"));
        copy("bazaar");
        copy("scripts/infra.sh");
        copy("scripts/java-home.sh");
        copy("scripts/aot-cache.sh");
        copy("deploy/prometheus/prometheus.yml");
        copy("deploy/prometheus/rules/bazaar.rules.yml");
        StringBuilder modules = new StringBuilder();
        for (String module : MODULES) {
            Files.createDirectories(root.resolve(module).resolve("src/main/java"));
            Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>\n");
            modules.append("    <module>").append(module).append("</module>\n");
        }
        Files.writeString(root.resolve("pom.xml"), "<project>\n  <modules>\n" + modules + "  </modules>\n</project>\n");
        Path bin = Files.createDirectories(root.resolve("stub-bin"));
        // the databases exist already, as far as ./bazaar can tell
        executable(bin.resolve("psql"), "#!/bin/sh\necho 1\n");

        environment.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        environment.put("HOME", root.toString());
        environment.put("BAZAAR_JDK_DIRS", jdks.toString());
        environment.put("BAZAAR_PORT_BASE", Integer.toString(httpBase));
        environment.put("BAZAAR_GRPC_PORT_BASE", Integer.toString(grpcBase));
        environment.put("BAZAAR_MANAGEMENT_PORT_BASE", Integer.toString(managementBase));
        environment.put("BAZAAR_AGENT", "");
        // the stub JDKs cannot extract a jar nor train a cache
        environment.put("BAZAAR_AOT", "off");
        environment.put("BAZAAR_START_TIMEOUT", "30");
        environment.put("BAZAAR_BUILD_CMD", BUILD_THAT_MAKES_JARS);
        environment.put("BAZAAR_PG_PORT", Integer.toString(listen()));
        environment.put("BAZAAR_RABBIT_PORT", Integer.toString(listen()));
        environment.put("BAZAAR_REDIS_PORT", Integer.toString(listen()));
    }

    record Run(int exitCode, String output) {
    }

    ScriptSandbox set(String key, String value) {
        environment.put(key, value);
        return this;
    }

    ScriptSandbox unset(String key) {
        environment.remove(key);
        return this;
    }

    /**
     * A JDK of the given version whose {@code java} answers {@code -version} and, started as a
     * service, prints the given lines and exits with the given status.
     */
    Path jdk(String name, String version, String serviceSays, int serviceExit) throws IOException {
        Path home = Files.createDirectories(jdks.resolve(name));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        executable(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "%s"' >&2; exit 0; fi
                echo "%s"
                exit %d
                """.formatted(version, serviceSays, serviceExit));
        return home;
    }

    /**
     * A JDK 25 whose {@code java}, started as a service, writes its environment to
     * {@code instances/<BAZAAR_INSTANCE>.env} and keeps running, as a started service does; one
     * that ignores SIGTERM stands for a service that does not finish shutting down. The one java
     * process {@code ./bazaar} starts without {@code BAZAAR_INSTANCE} is Zipkin's ({@code zipkin.env}).
     */
    Path jdkThatKeepsRunning(boolean ignoresSigterm) throws IOException {
        Path home = Files.createDirectories(jdks.resolve("jdk-25"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        executable(bin.resolve("java"), """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "25.0.1"' >&2; exit 0; fi
                env > "%s/${BAZAAR_INSTANCE:-zipkin}.env"
                %s
                exec sleep 300
                """.formatted(instances, ignoresSigterm ? "trap '' TERM" : ""));
        return home;
    }

    /**
     * A JDK 25 whose {@code java} also does what {@code ./bazaar}'s AOT caches ask of it: extracting
     * a jar ({@code -Djarmode=tools ... extract --destination DIR}) copies it into DIR, and a
     * training start ({@code -XX:AOTCacheOutput=FILE}) takes {@code trainingSeconds}, writes FILE and
     * appends its arguments to {@code instances/trainings} (and stops 2 s after a SIGTERM). Started as a service it writes its
     * environment and its arguments ({@code instances/<BAZAAR_INSTANCE>.args}, one per line) and
     * keeps running.
     */
    Path jdkWithAotCaches(int trainingSeconds) throws IOException {
        Path home = Files.createDirectories(jdks.resolve("jdk-25"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        Path bin = Files.createDirectories(home.resolve("bin"));
        executable(bin.resolve("javac"), "#!/bin/sh\nexit 0\n");
        executable(bin.resolve("java"), """
                #!/bin/bash
                if [ "$1" = -version ]; then echo 'openjdk version "25.0.1"' >&2; exit 0; fi
                args=("$@"); jar=""; destination=""; output=""
                for ((i = 0; i < ${#args[@]}; i++)); do
                  case ${args[i]} in
                    -jar) jar=${args[i + 1]} ;;
                    --destination) destination=${args[i + 1]} ;;
                    -XX:AOTCacheOutput=*) output=${args[i]#*=} ;;
                  esac
                done
                if [ -n "$destination" ]; then mkdir -p "$destination" && cp "$jar" "$destination/" && exit 0; fi
                # a JVM takes a moment to stop after SIGTERM (its shutdown hooks): so does this one
                if [ -n "$output" ]; then trap 'sleep 2; exit 143' TERM; sleep %d; : > "$output"; echo "$*" >> "%s/trainings"; exit 0; fi
                env > "%s/${BAZAAR_INSTANCE:-zipkin}.env"
                printf '%%s\\n' "$@" > "%s/${BAZAAR_INSTANCE:-zipkin}.args"
                exec sleep 300
                """.formatted(trainingSeconds, instances, instances, instances));
        return home;
    }

    /** The arguments an instance's java was started with, or none if it was not. */
    List<String> argumentsOf(String instance) throws IOException {
        Path file = instances.resolve(instance + ".args");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The training starts the stub JDK ran, one line of arguments each. */
    List<String> trainings() throws IOException {
        Path file = instances.resolve("trainings");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /**
     * A Prometheus binary that writes its arguments to {@code instances/prometheus.args} and keeps
     * running; its path, for {@code BAZAAR_PROMETHEUS}.
     */
    Path prometheusThatKeepsRunning() throws IOException {
        Path binary = root.resolve("stub-prometheus/prometheus");
        Files.createDirectories(binary.getParent());
        executable(binary, """
                #!/bin/sh
                for argument in "$@"; do echo "$argument"; done > "%s/prometheus.args"
                exec sleep 300
                """.formatted(instances));
        return binary;
    }

    /** What {@code ./bazaar} runs as {@code ./mvnw} (to fetch the agent and Zipkin): this script. */
    void mavenWrapper(String script) throws IOException {
        executable(root.resolve("mvnw"), "#!/bin/sh\n" + script + "\n");
    }

    /** A command on the PATH ahead of the machine's own ({@code apt-get}, say). */
    void command(String name, String script) throws IOException {
        executable(root.resolve("stub-bin").resolve(name), "#!/bin/sh\n" + script + "\n");
    }

    /** The arguments the stub Prometheus was started with, or none if it was not. */
    List<String> prometheusArguments() throws IOException {
        Path file = instances.resolve("prometheus.args");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** Every service answers: each instance is ready at once and the gateway routes to each service. */
    void everyServiceAnswers() throws IOException {
        executable(root.resolve("stub-bin/curl"), "#!/bin/sh\nexit 0\n");
    }

    /** The environment an instance was started with, or an empty map if it was not started. */
    Map<String, String> environmentOf(String instance) throws IOException {
        Path file = instances.resolve(instance + ".env");
        Map<String, String> environment = new HashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    environment.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }
        return environment;
    }

    /** The instances {@code ./bazaar} started (it writes one environment file each). */
    List<String> startedInstances() throws IOException {
        try (var files = Files.list(instances)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".env"))
                    .map(n -> n.substring(0, n.length() - ".env".length())).sorted().toList();
        }
    }

    /** The processes {@code ./bazaar} recorded in its pid files. */
    List<ProcessHandle> recordedProcesses() throws IOException {
        Path run = state().resolve("run");
        if (!Files.isDirectory(run)) {
            return List.of();
        }
        List<ProcessHandle> processes = new ArrayList<>();
        try (var files = Files.list(run)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                ProcessHandle.of(Long.parseLong(Files.readString(file).strip())).ifPresent(processes::add);
            }
        }
        return processes;
    }

    /** Makes the jars a build would, dated now: nothing is stale. */
    void built() throws IOException {
        for (String module : MODULES) {
            Path target = Files.createDirectories(root.resolve(module).resolve("target"));
            Files.writeString(target.resolve(module + "-0.1.0-SNAPSHOT.jar"), "");
        }
    }

    Path state() {
        return root.resolve(".bazaar");
    }

    Run bazaar(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bazaar").toString());
        command.addAll(List.of(arguments));
        return run(command);
    }

    Run mvnw(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(REPOSITORY.resolve("mvnw").toString());
        command.addAll(List.of(arguments));
        return run(command);
    }

    private Run run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // read while it runs: a full pipe would stall the script
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish; it printed:\n" + new String(output, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int listen() throws IOException {
        ServerSocket socket = new ServerSocket(FreePorts.next(), 50, InetAddress.getLoopbackAddress());
        infrastructure.add(socket);
        return socket.getLocalPort();
    }

    private void copy(String file) throws IOException {
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(REPOSITORY.resolve(file), target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * The first of {@code count} consecutive free ports that are free {@link #INSTANCE_STEP} higher
     * too, where a second instance of each service listens.
     */
    private static int baseForTwoInstances(int count) {
        for (int tries = 0; tries < 100; tries++) {
            int first = FreePorts.block(count);
            boolean free = true;
            for (int port = first + INSTANCE_STEP; free && port < first + INSTANCE_STEP + count; port++) {
                free = isFree(port);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free ports in a row with " + count + " more free "
                + INSTANCE_STEP + " higher");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        // a test that failed half-way leaves nothing running: the stub services it started, and
        // only those (a stale pid file may name a process that reused the number)
        recordedProcesses().stream()
                .filter(process -> process.info().command().map(command -> command.endsWith("/sleep")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        for (ServerSocket socket : infrastructure) {
            socket.close();
        }
    }
}
