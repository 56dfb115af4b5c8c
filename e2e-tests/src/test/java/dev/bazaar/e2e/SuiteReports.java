package dev.bazaar.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the proof suites (faults, attacks, bad input) leave their reports: each printed and
 * written to {@code e2e-tests/target/<suite>-report.md}, and one line per suite in
 * {@code e2e-tests/target/suites-report.md} with what it tried and the violations it found, so
 * a reader of a CI run sees every count in one place.
 */
public final class SuiteReports {

    private static final Map<String, String> summaries = new TreeMap<>();

    private SuiteReports() {
    }

    /** {@code summary} is one line: what the suite injected or tried, and its violations. */
    public static synchronized void publish(String suite, String markdown, String summary) {
        System.out.println(markdown);
        write(suite + "-report.md", markdown);
        summaries.put(suite, summary);
        StringBuilder all = new StringBuilder("# Faults, attacks and bad input\n\n| suite | counts | report |\n|---|---|---|\n");
        summaries.forEach((name, line) -> all.append("| ").append(name).append(" | ").append(line).append(" | `")
                .append(name).append("-report.md` |\n"));
        write("suites-report.md", all.toString());
        System.out.println("[" + suite + "] " + summary);
    }

    private static void write(String file, String text) {
        Path target = Path.of(System.getProperty("bazaar.root", ".."), "e2e-tests", "target");
        try {
            Files.createDirectories(target);
            // getBytes replaces what UTF-8 cannot carry (lone surrogates from generated inputs) instead of failing
            Files.write(target.resolve(file), text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
