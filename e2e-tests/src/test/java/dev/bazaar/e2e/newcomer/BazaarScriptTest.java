package dev.bazaar.e2e.newcomer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bazaar.testsupport.FreePorts;

/**
 * What a newcomer meets when {@code ./bazaar} cannot start Bazaar: every failing path says
 * its cause and what to read or do, and nothing is left running. Run on stubs (see
 * {@link ScriptSandbox}): no build, no JVM, no real infrastructure.
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
}
