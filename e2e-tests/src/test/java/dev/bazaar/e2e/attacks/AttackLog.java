package dev.bazaar.e2e.attacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bazaar.e2e.SuiteReports;

/**
 * Every attack tried, by kind, and every one that was not refused as it must be: printed and
 * written to {@code e2e-tests/target/attacks-report.md} (see {@link SuiteReports}).
 */
final class AttackLog {

    record Attempt(String kind, String attack, String expected, String actual, boolean held) {
    }

    private final List<Attempt> attempts = new ArrayList<>();

    synchronized void record(String kind, String attack, String expected, String actual, boolean held) {
        attempts.add(new Attempt(kind, attack, expected, actual, held));
    }

    /** Records the attempt; held when the actual answer is among the expected ones. */
    void expect(String kind, String attack, Object actual, Object... expected) {
        boolean held = List.of(expected).contains(actual);
        record(kind, attack, expected.length == 1 ? String.valueOf(expected[0]) : List.of(expected).toString(),
                String.valueOf(actual), held);
    }

    synchronized List<Attempt> violationsOf(String kind) {
        return attempts.stream().filter(a -> a.kind().equals(kind) && !a.held()).toList();
    }

    synchronized String markdown() {
        Map<String, int[]> byKind = new LinkedHashMap<>();
        attempts.forEach(a -> {
            int[] counts = byKind.computeIfAbsent(a.kind(), k -> new int[2]);
            counts[0]++;
            if (!a.held()) {
                counts[1]++;
            }
        });
        List<Attempt> violations = attempts.stream().filter(a -> !a.held()).toList();
        StringBuilder out = new StringBuilder("# Attacks report\n\nAttacks tried: ").append(attempts.size())
                .append("; violations: ").append(violations.size()).append("\n\n| kind | tried | violations |\n|---|---:|---:|\n");
        byKind.forEach((kind, counts) -> out.append("| ").append(kind).append(" | ").append(counts[0]).append(" | ")
                .append(counts[1]).append(" |\n"));
        out.append("\n## Violations (").append(violations.size()).append(")\n\n");
        violations.forEach(v -> out.append("- ").append(v.kind()).append(": ").append(v.attack()).append(" — expected ")
                .append(v.expected()).append(", got ").append(v.actual()).append('\n'));
        return out.toString();
    }

    void publish() {
        long violations;
        synchronized (this) {
            violations = attempts.stream().filter(a -> !a.held()).count();
        }
        SuiteReports.publish("attacks", markdown(), "attacks tried: " + attempts.size() + "; violations: " + violations);
    }
}
