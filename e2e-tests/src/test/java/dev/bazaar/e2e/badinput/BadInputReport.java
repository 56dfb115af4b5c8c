package dev.bazaar.e2e.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.bazaar.e2e.SuiteReports;

/**
 * What the bad-input suites tried and what went wrong, per endpoint: printed and written to
 * {@code e2e-tests/target/bad-input-report.md} after each suite (REST and gRPC share one report).
 */
final class BadInputReport {

    record Violation(String endpoint, String input, String answer, String body) {
    }

    private static final BadInputReport INSTANCE = new BadInputReport();
    private static final int SHOWN_INPUT = 300;

    private final Map<String, AtomicLong> tried = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> answers = new ConcurrentHashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final List<String> databaseChanges = new ArrayList<>();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retriedAfter5xx = new AtomicLong();

    static BadInputReport get() {
        return INSTANCE;
    }

    void tried(String endpoint, String answer) {
        tried.computeIfAbsent(endpoint, e -> new AtomicLong()).incrementAndGet();
        answers.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(answer, a -> new AtomicLong()).incrementAndGet();
    }

    synchronized void violation(String endpoint, String input, String answer, String body) {
        violations.add(new Violation(endpoint, shorten(input), answer, shorten(body)));
    }

    synchronized void databaseChanged(String where) {
        databaseChanges.add(where);
    }

    void retriedAfter5xx() {
        retriedAfter5xx.incrementAndGet();
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    synchronized List<Violation> violationsOf(String endpoint) {
        return violations.stream().filter(v -> v.endpoint().equals(endpoint)).toList();
    }

    long triedOn(String endpoint) {
        AtomicLong count = tried.get(endpoint);
        return count == null ? 0 : count.get();
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder("# Bad input report\n\n");
        long total = tried.values().stream().mapToLong(AtomicLong::get).sum();
        out.append("Requests tried: ").append(total).append(" on ").append(tried.size()).append(" endpoints; violations: ")
                .append(violations.size()).append("; database changes: ").append(databaseChanges.size())
                .append("; answers 429 (sent again after Retry-After, not counted as tries): ").append(rateLimited.get())
                .append("; answers 502-504 sent again: ").append(retriedAfter5xx.get())
                .append("\n\n| endpoint | tried | answers |\n|---|---:|---|\n");
        new TreeMap<>(tried).forEach((endpoint, count) -> out.append("| `").append(endpoint).append("` | ")
                .append(count.get()).append(" | ").append(new TreeMap<>(answers.get(endpoint)).toString()).append(" |\n"));
        out.append("\n## Violations (").append(violations.size()).append(")\n");
        Map<String, Map<String, List<Violation>>> grouped = new TreeMap<>();
        violations.forEach(v -> grouped.computeIfAbsent(v.endpoint(), e -> new TreeMap<>())
                .computeIfAbsent(v.answer(), a -> new ArrayList<>()).add(v));
        grouped.forEach((endpoint, byAnswer) -> byAnswer.forEach((answer, list) -> {
            out.append("\n### `").append(endpoint).append("` answered ").append(answer).append(": ")
                    .append(list.size()).append("\n\n");
            for (Violation v : list) {
                out.append("- input: `").append(v.input().replace("`", "'")).append("`\n  body: `")
                        .append(v.body().replace("`", "'")).append("`\n");
            }
        }));
        out.append("\n## Database changes (").append(databaseChanges.size()).append(")\n\n");
        databaseChanges.forEach(change -> out.append("- ").append(change).append('\n'));
        return out.toString();
    }

    /** Prints the report and writes it under target, with its line in the suites' summary. */
    void publish() {
        String summary;
        synchronized (this) {
            summary = "requests tried: " + tried.values().stream().mapToLong(AtomicLong::get).sum() + " on " + tried.size()
                    + " endpoints and gRPC methods; violations: " + violations.size() + "; database changes: "
                    + databaseChanges.size();
        }
        SuiteReports.publish("bad-input", markdown(), summary);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= SHOWN_INPUT ? oneLine
                : oneLine.substring(0, SHOWN_INPUT) + "… (" + oneLine.length() + " chars)";
    }
}
