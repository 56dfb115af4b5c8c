package dev.bazaar.e2e.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Prometheus configuration and rules that docker compose and {@code ./bazaar up --observe}
 * share (deploy/prometheus): {@code promtool} accepts the configuration and the rules, and
 * {@code promtool test rules} passes, with a test that fires each alert. Where promtool is not
 * installed (Debian's prometheus package brings it; {@code scripts/infra.sh prometheus} installs
 * it) the test is skipped with that said, except under CI ({@code CI=true}), where it fails.
 */
class PrometheusRulesTest {

    static final Path ROOT = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
    static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
    static final Path RULES = PROMETHEUS.resolve("rules/bazaar.rules.yml");
    static final Path RULE_TESTS = PROMETHEUS.resolve("tests/bazaar.rules.test.yml");

    static Optional<Path> promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = Optional.ofNullable(System.getenv("BAZAAR_PROMTOOL")).map(Path::of).filter(Files::isExecutable)
                .or(() -> Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst());
        if (promtool.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("promtool is not installed, and CI must test the Prometheus rules: "
                    + "scripts/infra.sh prometheus (Debian's prometheus package) installs it");
        }
    }

    @Test
    void everyRuleTestPasses() throws Exception {
        Result result = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void theSharedConfigurationAndItsRulesAreValid() throws Exception {
        Result config = promtool("check", "config", PROMETHEUS.resolve("prometheus.yml").toString());

        assertThat(config.exitCode()).as(config.output()).isZero();
        // the rules are found through the configuration's rule_files, as both ways of running load them
        assertThat(config.output()).contains(RULES.getFileName().toString()).containsPattern("SUCCESS: [1-9][0-9]* rules found");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasATestThatFiresIt() throws IOException {
        Yaml yaml = new Yaml();
        Set<String> alerts = new TreeSet<>();
        Map<String, Object> rules = yaml.load(Files.readString(RULES));
        for (Object group : (List<Object>) rules.get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                Object alert = ((Map<String, Object>) rule).get("alert");
                if (alert != null) {
                    alerts.add(alert.toString());
                }
            }
        }
        Set<String> fired = new TreeSet<>();
        Map<String, Object> tests = yaml.load(Files.readString(RULE_TESTS));
        for (Object test : (List<Object>) tests.get("tests")) {
            for (Object check : (List<Object>) ((Map<String, Object>) test).getOrDefault("alert_rule_test", List.of())) {
                Map<String, Object> alertTest = (Map<String, Object>) check;
                if (!((List<Object>) alertTest.getOrDefault("exp_alerts", List.of())).isEmpty()) {
                    fired.add(String.valueOf(alertTest.get("alertname")));
                }
            }
        }

        assertThat(alerts).as("the alerts of " + RULES.getFileName())
                .contains("BazaarInstanceDown", "BazaarHigh5xxRate", "BazaarOutboxBacklogOld", "BazaarDeadLetters",
                        "BazaarPlaceOrderSlow");
        assertThat(fired).as("alerts that a test in " + RULE_TESTS.getFileName() + " fires").containsAll(alerts);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... arguments) throws IOException, InterruptedException {
        assumeThat(promtool).as("promtool is not installed here (apt-get install -y prometheus brings it): "
                + "the Prometheus rules are not checked").isPresent();
        List<String> command = new ArrayList<>();
        command.add(promtool.orElseThrow().toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", arguments) + " did not finish:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
