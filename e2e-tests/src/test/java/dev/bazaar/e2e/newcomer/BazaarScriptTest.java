package dev.bazaar.e2e.newcomer;

import static dev.bazaar.e2e.newcomer.ScriptSandbox.INSTANCE_STEP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bazaar.testsupport.FreePorts;

/**
 * What a newcomer meets when {@code ./bazaar} cannot start Bazaar: every failing path says
 * its cause and what to read or do, and nothing is left running. And what an operator meets
 * running several instances of each service ({@code up --replicas}): each on its own ports,
 * every caller given all of them, {@code status} and {@code down} knowing every one. Run on
 * stubs (see {@link ScriptSandbox}): no build, no JVM, no real infrastructure.
 */
class BazaarScriptTest {

    @TempDir
    Path root;
    ScriptSandbox sandbox;
    private final List<Process> strays = new ArrayList<>();

    @BeforeEach
    void sandbox() throws IOException {
        sandbox = new ScriptSandbox(root);
    }

    @AfterEach
    void cleanUp() throws IOException {
        strays.forEach(Process::destroyForcibly);
        sandbox.close();
    }

    @Test
    void aFreshCloneIsBuiltFirstAndAFailedBuildShowsTheLastLinesOfItsLog() throws IOException {
        sandbox.jdk("jdk-25", "25.0.1", "unused", 0);
        sandbox.set("BAZAAR_BUILD_CMD",
                "echo '[INFO] compiling 12 files'; echo '[ERROR] /src/PlaceOrder.java:[3,1] cannot find symbol'; exit 1");

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output())
                .contains("building Bazaar (first time")
                .contains("build failed (exit 1)")
                .contains(".bazaar/logs/build.log")
                .contains("[ERROR] /src/PlaceOrder.java:[3,1] cannot find symbol");
    }

    @Test
    void aServiceThatExitsAtStartIsNamedWithItsLastLogLinesAndNothingIsLeftRunning() throws IOException {
        sandbox.jdk("jdk-25", "25.0.1", "APPLICATION FAILED TO START: the database refused the connection", 1);
        sandbox.built();

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output())
                .containsPattern("(identity|catalog|payment|order|gateway) exited at start \\(exit 1\\)")
                .containsPattern("\\.bazaar/logs/(identity|catalog|payment|order|gateway)\\.log")
                .contains("APPLICATION FAILED TO START: the database refused the connection")
                .contains("fix the cause and run ./bazaar up again");
        assertThat(sandbox.bazaar("status").output()).doesNotContain("running");
    }

    @Test
    void aTakenPortIsNamedWithTheProcessHoldingIt() throws IOException {
        sandbox.jdk("jdk-25", "25.0.1", "unused", 0);
        int catalogHttp = sandbox.httpBase + 1;
        try (ServerSocket squatter = new ServerSocket(catalogHttp, 50, InetAddress.getLoopbackAddress())) {
            ScriptSandbox.Run up = sandbox.bazaar("up");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output())
                    .contains("port " + catalogHttp + " (catalog http) is taken by pid " + ProcessHandle.current().pid())
                    .contains("BAZAAR_PORT_BASE");
        }
        assertThat(Files.exists(root.resolve("catalog-service/target"))).as("nothing was built").isFalse();
    }

    @Test
    void anUnreachablePostgresIsNamedWithItsAddressAndHowToStartIt() throws IOException {
        sandbox.jdk("jdk-25", "25.0.1", "unused", 0);
        int closed = FreePorts.next();
        sandbox.set("BAZAAR_PG_PORT", Integer.toString(closed));

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output())
                .contains("Postgres does not answer on 127.0.0.1:" + closed)
                .contains("BAZAAR_PG_PORT")
                .contains("scripts/infra.sh ensure")
                .doesNotContain("RabbitMQ does not answer");
        assertThat(Files.exists(root.resolve("catalog-service/target"))).as("nothing was built").isFalse();
    }

    @Test
    void withoutAJdk25ItSaysWhatToInstall() throws IOException {
        sandbox.jdk("jdk-17", "17.0.9", "unused", 0);

        ScriptSandbox.Run up = sandbox.bazaar("up");
        ScriptSandbox.Run build = sandbox.mvnw("-v");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("No JDK 25 or newer found").contains(sandbox.jdks.toString()).contains("Temurin 25");
        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.output()).contains("No JDK 25 or newer found");
    }

    @Test
    void aJavaHomeOlderThan25FailsAtOnceNamingIt() throws IOException {
        Path old = sandbox.jdk("jdk-17", "17.0.9", "unused", 0);
        sandbox.jdk("jdk-25", "25.0.1", "unused", 0);
        sandbox.set("JAVA_HOME", old.toString());

        ScriptSandbox.Run up = sandbox.bazaar("up");
        ScriptSandbox.Run build = sandbox.mvnw("-v");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.output()).contains("JAVA_HOME=" + old + " is Java 17; Bazaar needs Java 25 or newer");
        assertThat(build.exitCode()).isEqualTo(1);
        assertThat(build.output()).contains("JAVA_HOME=" + old + " is Java 17");
    }

    @Test
    void withoutJavaHomeTheNewestJdkOf25OrLaterWhereJdksAreInstalledIsUsed() throws IOException {
        sandbox.jdk("jdk-17", "17.0.9", "unused", 0);
        sandbox.jdk("jdk-25", "25.0.1", "unused", 0);
        Path newest = sandbox.jdk("jdk-26", "26", "unused", 0);
        sandbox.set("BAZAAR_BUILD_CMD", "exit 1");

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.output()).contains("Java 26 at " + newest);
    }

    @Test
    void upWhileRunningSaysSoAndChangesNothingThenDownStopsIt() throws IOException, InterruptedException {
        sandbox.jdk("jdk-25", "25.0.1", "unused", 0);
        sandbox.set("BAZAAR_BUILD_CMD", "touch build-ran");
        Path run = Files.createDirectories(sandbox.state().resolve("run"));
        for (String service : List.of("identity", "catalog", "payment", "order", "gateway")) {
            Process running = new ProcessBuilder("sleep", "120").start();
            strays.add(running);
            Files.writeString(run.resolve(service + ".pid"), Long.toString(running.pid()));
        }

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).isZero();
        assertThat(up.output()).contains("Bazaar is already running").contains("nothing changed");
        assertThat(root.resolve("build-ran")).doesNotExist();
        assertThat(strays).allMatch(Process::isAlive);

        ScriptSandbox.Run down = sandbox.bazaar("down");

        assertThat(down.exitCode()).isZero();
        assertThat(down.output()).contains("identity stopped").contains("gateway stopped");
        for (Process stray : strays) {
            stray.waitFor();
        }
        assertThat(strays).noneMatch(Process::isAlive);
    }

    @Test
    void downWithNothingRunningSaysSo() {
        ScriptSandbox.Run down = sandbox.bazaar("down");

        assertThat(down.exitCode()).isZero();
        assertThat(down.output()).contains("Bazaar is not running; nothing to stop.");
    }

    @Test
    void logsWithoutANameListsTheServices() {
        ScriptSandbox.Run logs = sandbox.bazaar("logs");

        assertThat(logs.exitCode()).isZero();
        assertThat(logs.output()).contains("usage: ./bazaar logs <service>")
                .contains("identity").contains("catalog").contains("payment").contains("order").contains("gateway");
    }

    @Test
    void helpAndAnUnknownCommandPrintTheUsage() {
        ScriptSandbox.Run help = sandbox.bazaar("help");
        ScriptSandbox.Run unknown = sandbox.bazaar("start");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("usage: ./bazaar <command>").contains("up").contains("down");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown command 'start'").contains("usage: ./bazaar <command>");
    }

    // ---- many instances (./bazaar up --replicas) ----

    @Test
    void replicasStartEveryInstanceOnItsOwnPortsAndGiveEveryCallerAllInstances() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();

        ScriptSandbox.Run up = sandbox.bazaar("up", "--replicas", "2");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(sandbox.startedInstances()).containsExactlyInAnyOrder(
                "identity", "identity-2", "catalog", "catalog-2", "payment", "payment-2", "order", "order-2", "gateway");
        int catalogHttp = sandbox.httpBase + 1;
        int catalogGrpc = sandbox.grpcBase + 1;
        int identityHttp = sandbox.httpBase + 4;
        int identityGrpc = sandbox.grpcBase + 4;
        Map<String, String> secondCatalog = sandbox.environmentOf("catalog-2");
        assertThat(secondCatalog)
                .containsEntry("SERVER_PORT", Integer.toString(catalogHttp + INSTANCE_STEP))
                .containsEntry("SPRING_GRPC_SERVER_PORT", Integer.toString(catalogGrpc + INSTANCE_STEP))
                .containsEntry("MANAGEMENT_SERVER_PORT", Integer.toString(sandbox.managementBase + 1 + INSTANCE_STEP))
                .containsEntry("BAZAAR_INSTANCE", "catalog-2")
                .containsEntry("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=catalog-2");
        assertThat(sandbox.environmentOf("catalog"))
                .containsEntry("SERVER_PORT", Integer.toString(catalogHttp))
                .containsEntry("BAZAAR_INSTANCE", "catalog");
        assertThat(sandbox.environmentOf("order"))
                .containsEntry("BAZAAR_CATALOG_GRPC",
                        "127.0.0.1:" + catalogGrpc + ",127.0.0.1:" + (catalogGrpc + INSTANCE_STEP))
                .containsEntry("BAZAAR_IDENTITY_GRPC",
                        "127.0.0.1:" + identityGrpc + ",127.0.0.1:" + (identityGrpc + INSTANCE_STEP))
                .containsEntry("BAZAAR_IDENTITY_URL",
                        "http://127.0.0.1:" + identityHttp + ",http://127.0.0.1:" + (identityHttp + INSTANCE_STEP));
        assertThat(sandbox.environmentOf("gateway"))
                .containsEntry("BAZAAR_CATALOG_URL",
                        "http://127.0.0.1:" + catalogHttp + ",http://127.0.0.1:" + (catalogHttp + INSTANCE_STEP))
                .containsEntry("BAZAAR_ORDER_URL", "http://127.0.0.1:" + (sandbox.httpBase + 2)
                        + ",http://127.0.0.1:" + (sandbox.httpBase + 2 + INSTANCE_STEP));
        // one issuer for all: the gateway's
        for (String instance : sandbox.startedInstances()) {
            assertThat(sandbox.environmentOf(instance)).as(instance)
                    .containsEntry("BAZAAR_ISSUER_URL", "http://localhost:" + sandbox.httpBase);
        }
        // Swagger UI on any instance signs in, whichever identity instance registers the client
        assertThat(sandbox.environmentOf("identity-2").get("BAZAAR_IDENTITY_WEB_REDIRECT_URIS"))
                .isEqualTo(sandbox.environmentOf("identity").get("BAZAAR_IDENTITY_WEB_REDIRECT_URIS"))
                .contains("http://localhost:" + catalogHttp + "/swagger-ui/oauth2-redirect.html")
                .contains("http://localhost:" + (catalogHttp + INSTANCE_STEP) + "/swagger-ui/oauth2-redirect.html");
        assertThat(up.output())
                .contains("catalog-2 starting")
                .contains("catalog-2 ready")
                .contains("http://127.0.0.1:" + (catalogHttp + INSTANCE_STEP) + ", gRPC " + (catalogGrpc + INSTANCE_STEP));
    }

    @Test
    void perServiceReplicasStartOnlyTheNamedOnesAndTheFlagWinsOverTheEnvironment() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        sandbox.set("BAZAAR_REPLICAS", "4");

        ScriptSandbox.Run up = sandbox.bazaar("up", "--replicas", "order=3,payment=2,gateway=2");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(sandbox.startedInstances()).containsExactlyInAnyOrder(
                "identity", "catalog", "payment", "payment-2", "order", "order-2", "order-3", "gateway", "gateway-2");
        assertThat(sandbox.environmentOf("order-3"))
                .containsEntry("SERVER_PORT", Integer.toString(sandbox.httpBase + 2 + 2 * INSTANCE_STEP));
        assertThat(sandbox.environmentOf("gateway-2"))
                .containsEntry("SERVER_PORT", Integer.toString(sandbox.httpBase + INSTANCE_STEP))
                .containsEntry("BAZAAR_ISSUER_URL", "http://localhost:" + sandbox.httpBase)
                .containsEntry("BAZAAR_CATALOG_URL", "http://127.0.0.1:" + (sandbox.httpBase + 1));
        assertThat(up.output()).contains("http://localhost:" + (sandbox.httpBase + INSTANCE_STEP));
    }

    @Test
    void replicasComeFromTheEnvironmentWithoutTheFlag() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        sandbox.set("BAZAAR_REPLICAS", "catalog=2");

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(sandbox.startedInstances()).containsExactlyInAnyOrder(
                "identity", "catalog", "catalog-2", "payment", "order", "gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10", "two", "-1", "2.5", "order=", "order=0", "shop=2", "catalog=2,order=x", ""})
    void badReplicasAreRefusedBeforeAnythingIsBuiltOrStarted(String replicas) throws IOException {
        sandbox.jdkThatKeepsRunning(false);

        ScriptSandbox.Run flag = sandbox.bazaar("up", "--replicas", replicas);
        ScriptSandbox.Run environment = sandbox.set("BAZAAR_REPLICAS", replicas.isEmpty() ? "," : replicas).bazaar("up");

        for (ScriptSandbox.Run up : List.of(flag, environment)) {
            assertThat(up.exitCode()).as(up.output()).isEqualTo(2);
            assertThat(up.output()).containsAnyOf("is not 1 to 9 instances", "is no service", "is empty");
        }
        assertThat(flag.output()).contains("--replicas");
        assertThat(environment.output()).contains("BAZAAR_REPLICAS");
        assertThat(Files.exists(root.resolve("catalog-service/target"))).as("nothing was built").isFalse();
        assertThat(sandbox.startedInstances()).isEmpty();
    }

    @Test
    void aTakenPortOfASecondInstanceIsNamed() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        int secondPaymentGrpc = sandbox.grpcBase + 3 + INSTANCE_STEP;
        try (ServerSocket squatter = new ServerSocket(secondPaymentGrpc, 50, InetAddress.getLoopbackAddress())) {
            ScriptSandbox.Run up = sandbox.bazaar("up", "--replicas", "payment=2");

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.output()).contains("port " + secondPaymentGrpc + " (payment-2 gRPC) is taken by pid "
                    + ProcessHandle.current().pid());
        }
        assertThat(sandbox.startedInstances()).isEmpty();
    }

    @Test
    void statusLogsAndDownKnowEveryInstanceAnEarlierUpStartedWithoutBeingTold() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        ScriptSandbox.Run up = sandbox.bazaar("up", "--replicas", "2,gateway=2");
        assertThat(up.exitCode()).as(up.output()).isZero();
        List<ProcessHandle> instances = sandbox.recordedProcesses();
        assertThat(instances).hasSize(10).allMatch(ProcessHandle::isAlive);

        ScriptSandbox.Run status = sandbox.bazaar("status");
        ScriptSandbox.Run logs = sandbox.bazaar("logs");
        ScriptSandbox.Run again = sandbox.bazaar("up");
        ScriptSandbox.Run down = sandbox.bazaar("down");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output())
                .contains("catalog: running, ready (http://127.0.0.1:" + (sandbox.httpBase + 1) + ")")
                .contains("catalog-2: running, ready (http://127.0.0.1:" + (sandbox.httpBase + 1 + INSTANCE_STEP) + ")")
                .contains("gateway-2: running, ready");
        assertThat(logs.output()).contains("catalog-2  .bazaar/logs/catalog-2.log").contains("gateway-2");
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("Bazaar is already running").contains("catalog-2").contains("nothing changed");
        assertThat(down.exitCode()).isZero();
        assertThat(down.output()).contains("identity stopped", "identity-2 stopped", "catalog-2 stopped", "payment-2 stopped",
                "order-2 stopped", "gateway-2 stopped");
        assertThat(instances).noneMatch(ProcessHandle::isAlive);
        assertThat(sandbox.bazaar("status").output()).doesNotContain("catalog-2").doesNotContain("running");
    }

    @Test
    void downStopsEveryInstanceAtOnceAndKillsWhatOutlastsTheStopTimeout() throws IOException {
        sandbox.jdkThatKeepsRunning(true);
        sandbox.everyServiceAnswers();
        sandbox.set("BAZAAR_STOP_TIMEOUT", "2");
        assertThat(sandbox.bazaar("up", "--replicas", "2").exitCode()).isZero();
        List<ProcessHandle> instances = sandbox.recordedProcesses();

        long started = System.nanoTime();
        ScriptSandbox.Run down = sandbox.bazaar("down");
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        assertThat(down.exitCode()).isZero();
        assertThat(down.output()).contains("catalog-2 killed: still running 2 s after SIGTERM");
        assertThat(instances).hasSize(9).noneMatch(ProcessHandle::isAlive);
        // nine instances one after another would take nine stop timeouts
        assertThat(seconds).as("seconds down took").isBetween(2L, 8L);
    }

    // ---- seeing it: ./bazaar up --observe ----

    @Test
    void observeStartsZipkinAndPrometheusScrapingEveryInstanceAndPointsEveryAgentAtZipkin() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        int zipkinPort = FreePorts.next();
        int prometheusPort = FreePorts.next();
        sandbox.set("BAZAAR_AGENT", Files.writeString(root.resolve("agent.jar"), "").toString())
                .set("BAZAAR_ZIPKIN_JAR", Files.writeString(root.resolve("zipkin.jar"), "").toString())
                .set("BAZAAR_PROMETHEUS", sandbox.prometheusThatKeepsRunning().toString())
                .set("BAZAAR_ZIPKIN_PORT", Integer.toString(zipkinPort))
                .set("BAZAAR_PROMETHEUS_PORT", Integer.toString(prometheusPort));

        ScriptSandbox.Run up = sandbox.bazaar("up", "--observe", "--replicas", "catalog=2");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output())
                .contains("zipkin ready", "prometheus ready")
                .contains("http://127.0.0.1:" + zipkinPort + "/zipkin/")
                .contains("http://127.0.0.1:" + prometheusPort + "/");
        for (String instance : List.of("identity", "catalog", "catalog-2", "payment", "order", "gateway")) {
            assertThat(sandbox.environmentOf(instance)).as(instance)
                    .containsEntry("OTEL_TRACES_EXPORTER", "zipkin")
                    .containsEntry("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://127.0.0.1:" + zipkinPort + "/api/v2/spans");
        }
        assertThat(sandbox.environmentOf("zipkin")).containsEntry("STORAGE_TYPE", "mem");
        // compose's configuration itself, linked: the targets folder beside it is .bazaar's own
        Path config = sandbox.state().resolve("prometheus/prometheus.yml");
        assertThat(Files.isSymbolicLink(config)).isTrue();
        assertThat(config.toRealPath()).isEqualTo(root.resolve("deploy/prometheus/prometheus.yml").toRealPath());
        assertThat(sandbox.prometheusArguments())
                .contains("--config.file=" + config, "--web.listen-address=127.0.0.1:" + prometheusPort);
        String targets = Files.readString(sandbox.state().resolve("prometheus/targets/bazaar-instances.json"));
        assertThat(targets)
                .contains("\"127.0.0.1:" + (sandbox.managementBase + 1) + "\"], \"labels\": {\"service\": \"catalog\", \"instance\": \"catalog\"}")
                .contains("\"127.0.0.1:" + (sandbox.managementBase + 1 + INSTANCE_STEP) + "\"], \"labels\": {\"service\": \"catalog\", \"instance\": \"catalog-2\"}")
                .contains("\"127.0.0.1:" + sandbox.managementBase + "\"], \"labels\": {\"service\": \"gateway\"")
                .doesNotContain("order-2");
        assertThat(targets.lines().filter(line -> line.contains("\"targets\"")).count()).as(targets).isEqualTo(6);

        List<ProcessHandle> processes = sandbox.recordedProcesses();
        ScriptSandbox.Run status = sandbox.bazaar("status");
        ScriptSandbox.Run down = sandbox.bazaar("down");

        assertThat(status.output()).contains("zipkin: running, ready", "prometheus: running, ready");
        assertThat(down.output()).contains("zipkin stopped", "prometheus stopped", "catalog-2 stopped");
        assertThat(processes).hasSize(8).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void withoutObserveNoTraceUiOrPrometheusStartsAndTheAgentsAreSetAsBefore() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        sandbox.set("BAZAAR_AGENT", Files.writeString(root.resolve("agent.jar"), "").toString())
                .set("BAZAAR_PROMETHEUS", sandbox.prometheusThatKeepsRunning().toString());

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).doesNotContain("zipkin").doesNotContain("prometheus").doesNotContain("traces:");
        assertThat(sandbox.startedInstances()).containsExactlyInAnyOrder("identity", "catalog", "payment", "order", "gateway");
        assertThat(sandbox.environmentOf("order")).doesNotContainKey("OTEL_EXPORTER_ZIPKIN_ENDPOINT")
                .doesNotContainEntry("OTEL_TRACES_EXPORTER", "zipkin");
        assertThat(sandbox.prometheusArguments()).isEmpty();
        assertThat(sandbox.state().resolve("prometheus")).doesNotExist();
    }

    @Test
    void aPrometheusThatCannotBeInstalledIsReportedBeforeAnythingIsBuiltOrStarted() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        sandbox.command("apt-get", "[ \"$1\" = update ] && exit 0; echo 'E: Unable to locate package prometheus' >&2; exit 100");
        sandbox.set("BAZAAR_AGENT", Files.writeString(root.resolve("agent.jar"), "").toString())
                .set("BAZAAR_PROMETHEUS", root.resolve("nowhere/prometheus").toString());

        ScriptSandbox.Run up = sandbox.bazaar("up", "--observe");

        assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
        assertThat(up.output())
                .contains("Prometheus is not installed: installing Debian's prometheus package")
                .containsAnyOf("could not install prometheus", "sudo apt-get install -y --no-install-recommends prometheus")
                .contains("no Prometheus, so nothing was started");
        if (up.output().contains("could not install prometheus")) {
            assertThat(up.output()).contains("E: Unable to locate package prometheus");
        }
        assertThat(Files.exists(root.resolve("catalog-service/target"))).as("nothing was built").isFalse();
        assertThat(sandbox.startedInstances()).isEmpty();
        assertThat(sandbox.recordedProcesses()).isEmpty();
    }

    @Test
    void aFailedZipkinFetchIsReportedWithMavensWordsAndNothingIsLeftRunning() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        sandbox.mavenWrapper("echo '[ERROR] Could not transfer artifact io.zipkin:zipkin-server:jar:exec:3.5.1 from/to central: "
                + "repo.maven.apache.org: Temporary failure in name resolution'; exit 1");
        sandbox.set("BAZAAR_OBSERVE", "1")
                .set("BAZAAR_AGENT", Files.writeString(root.resolve("agent.jar"), "").toString())
                .set("BAZAAR_PROMETHEUS", sandbox.prometheusThatKeepsRunning().toString())
                .set("BAZAAR_ZIPKIN_PORT", Integer.toString(FreePorts.next()))
                .set("BAZAAR_PROMETHEUS_PORT", Integer.toString(FreePorts.next()));

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
        assertThat(up.output())
                .contains("fetching Zipkin 3.5.1")
                .contains("could not fetch Zipkin (io.zipkin:zipkin-server:3.5.1, exec jar)")
                .contains("Temporary failure in name resolution")
                .contains("Nothing was started")
                .contains("BAZAAR_ZIPKIN_JAR");
        assertThat(sandbox.startedInstances()).isEmpty();
        assertThat(sandbox.recordedProcesses()).isEmpty();
        assertThat(sandbox.prometheusArguments()).isEmpty();
        assertThat(sandbox.state().resolve("zipkin-server-3.5.1-exec.jar")).doesNotExist();
    }

    @Test
    void aFetchedZipkinJarWithAnotherChecksumIsDeletedAndNotRun() throws IOException {
        sandbox.jdkThatKeepsRunning(false);
        sandbox.everyServiceAnswers();
        // a mirror that answers with some other file under the right name
        sandbox.mavenWrapper("""
                for a in "$@"; do case $a in -DoutputDirectory=*) dir=${a#-DoutputDirectory=} ;; esac; done
                mkdir -p "$dir" && echo 'not zipkin' > "$dir/zipkin-server-3.5.1-exec.jar\"""");
        sandbox.set("BAZAAR_AGENT", Files.writeString(root.resolve("agent.jar"), "").toString())
                .set("BAZAAR_PROMETHEUS", sandbox.prometheusThatKeepsRunning().toString())
                .set("BAZAAR_ZIPKIN_PORT", Integer.toString(FreePorts.next()))
                .set("BAZAAR_PROMETHEUS_PORT", Integer.toString(FreePorts.next()));

        ScriptSandbox.Run up = sandbox.bazaar("up", "--observe");

        assertThat(up.exitCode()).as(up.output()).isEqualTo(1);
        assertThat(up.output())
                .containsPattern("the fetched Zipkin jar has SHA-1 [0-9a-f]{40}, not Maven Central's 38091e0934648a5dc884ad17c62cf2f6502f4ff2")
                .contains("Nothing was started");
        assertThat(sandbox.state().resolve("zipkin-server-3.5.1-exec.jar")).doesNotExist();
        assertThat(sandbox.state().resolve("zipkin-fetch")).doesNotExist();
        assertThat(sandbox.startedInstances()).isEmpty();
        assertThat(sandbox.recordedProcesses()).isEmpty();
    }
}
