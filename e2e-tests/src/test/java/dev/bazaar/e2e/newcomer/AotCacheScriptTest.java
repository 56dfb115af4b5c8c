package dev.bazaar.e2e.newcomer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services' AOT caches as {@code ./bazaar} keeps them (scripts/aot-cache.sh): the first
 * {@code up} starts every service from its jar and makes the caches in the background; the next
 * maps them; a rebuilt jar runs as a jar again until its cache is made anew; {@code down} stops a
 * training. On stubs (see {@link ScriptSandbox}): the stub JDK extracts, trains and records.
 */
class AotCacheScriptTest {

    private static final List<String> MODULES = ScriptSandbox.MODULES;

    @TempDir
    Path root;
    ScriptSandbox sandbox;

    @BeforeEach
    void sandbox() throws IOException {
        sandbox = new ScriptSandbox(root).set("BAZAAR_AOT", "on");
        sandbox.everyServiceAnswers();
        sandbox.built();
    }

    @AfterEach
    void cleanUp() throws IOException {
        sandbox.bazaar("down");
        sandbox.close();
    }

    @Test
    void theFirstUpRunsTheJarsAndMakesTheCachesTheNextUpMapsThem() throws IOException, InterruptedException {
        sandbox.jdkWithAotCaches(0);

        ScriptSandbox.Run first = sandbox.bazaar("up");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("making the AOT cache of " + String.join(" ", MODULES) + " in the background")
                .doesNotContain("AOT cache)");
        assertThat(sandbox.argumentsOf("catalog")).contains(root.resolve("catalog-service/target/catalog-service-0.1.0-SNAPSHOT.jar").toString())
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        awaitTrainingDone();
        assertThat(sandbox.trainings()).hasSize(MODULES.size())
                .allMatch(line -> line.contains("-Dspring.context.exit=onRefresh"));

        sandbox.bazaar("down");
        ScriptSandbox.Run second = sandbox.bazaar("up");

        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).doesNotContain("making the AOT cache");
        assertThat(second.output().lines().filter(line -> line.contains("starting (pid") && line.endsWith(", AOT cache)")))
                .hasSize(MODULES.size());
        Path aot = sandbox.state().resolve("aot");
        assertThat(sandbox.argumentsOf("catalog")).containsSequence("-XX:AOTCache=" + aot.resolve("catalog-service.aot"),
                "-jar", aot.resolve("catalog-service/catalog-service-0.1.0-SNAPSHOT.jar").toString());
        assertThat(sandbox.trainings()).hasSize(MODULES.size());
    }

    @Test
    void aRebuiltJarRunsAsAJarAgainAndOnlyItsCacheIsMadeAnew() throws IOException, InterruptedException {
        sandbox.jdkWithAotCaches(0);
        sandbox.bazaar("up");
        awaitTrainingDone();
        sandbox.bazaar("down");
        Path catalogJar = root.resolve("catalog-service/target/catalog-service-0.1.0-SNAPSHOT.jar");
        Files.setLastModifiedTime(catalogJar, FileTime.from(Instant.now().plusSeconds(5)));

        ScriptSandbox.Run up = sandbox.bazaar("up");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("making the AOT cache of catalog-service in the background");
        assertThat(sandbox.argumentsOf("catalog")).contains(catalogJar.toString())
                .noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        assertThat(sandbox.argumentsOf("order")).anyMatch(argument -> argument.startsWith("-XX:AOTCache"));
        awaitTrainingDone();
        assertThat(sandbox.trainings()).hasSize(MODULES.size() + 1);
    }

    @Test
    void otherJvmOptionsRunTheJarsAsBeforeAndOffNeitherMakesNorMapsACache() throws IOException, InterruptedException {
        sandbox.jdkWithAotCaches(0);
        sandbox.bazaar("up");
        awaitTrainingDone();
        sandbox.bazaar("down");

        ScriptSandbox.Run otherOptions = sandbox.set("BAZAAR_AOT", "off").set("BAZAAR_JAVA_OPTS", "-Xmx128m").bazaar("up");

        assertThat(otherOptions.exitCode()).as(otherOptions.output()).isZero();
        assertThat(otherOptions.output()).doesNotContain("AOT cache");
        assertThat(sandbox.argumentsOf("catalog")).noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
        sandbox.bazaar("down");

        ScriptSandbox.Run on = sandbox.set("BAZAAR_AOT", "on").bazaar("up");

        assertThat(on.output()).as("a cache made with other JVM options does not fit")
                .contains("making the AOT cache of " + String.join(" ", MODULES));
        assertThat(sandbox.argumentsOf("catalog")).contains("-Xmx128m").noneMatch(argument -> argument.startsWith("-XX:AOTCache"));
    }

    @Test
    void downStopsATrainingStillRunningAndTheNextUpMakesTheCachesAgain() throws IOException, InterruptedException {
        sandbox.jdkWithAotCaches(60);
        sandbox.bazaar("up");
        Optional<ProcessHandle> trainer = trainer();
        assertThat(trainer).isPresent().get().matches(ProcessHandle::isAlive);

        ScriptSandbox.Run down = sandbox.bazaar("down");

        assertThat(down.output()).contains("AOT cache training stopped");
        trainer.get().onExit().join();
        assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(command -> command.contains(root.toString()) && command.contains("AOTCacheOutput")))
                .as("training starts still running").isEmpty();
        assertThat(sandbox.trainings()).isEmpty();
        assertThat(sandbox.bazaar("up").output()).contains("making the AOT cache of " + String.join(" ", MODULES));
    }

    private Optional<ProcessHandle> trainer() throws IOException {
        Path pid = sandbox.state().resolve("aot/train.pid");
        return Files.exists(pid) ? ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())) : Optional.empty();
    }

    private void awaitTrainingDone() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (sandbox.bazaar("status").output().contains("AOT caches: being made")) {
            assertThat(Instant.now()).as("the AOT caches' training ended").isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
