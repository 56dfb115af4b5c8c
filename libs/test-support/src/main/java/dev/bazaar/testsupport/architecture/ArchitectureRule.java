package dev.bazaar.testsupport.architecture;

import java.util.List;
import java.util.function.Supplier;

/**
 * One architecture rule evaluated on one code base: what it says, and where the code
 * breaks it. {@link #check()} is what a test calls; {@link #violations()} is there for
 * tests that prove a rule on a deliberate violation.
 */
public final class ArchitectureRule {

    private final String description;
    private final Supplier<List<String>> evaluation;
    private List<String> violations;

    ArchitectureRule(String description, Supplier<List<String>> evaluation) {
        this.description = description;
        this.evaluation = evaluation;
    }

    public String description() {
        return description;
    }

    /** Each violation as one line that names the class (and, for a source finding, the line). */
    public synchronized List<String> violations() {
        if (violations == null) {
            violations = List.copyOf(evaluation.get());
        }
        return violations;
    }

    /** Fails with every violation listed. */
    public void check() {
        List<String> found = violations();
        if (!found.isEmpty()) {
            throw new AssertionError("Architecture rule '" + description + "' was violated (" + found.size()
                    + (found.size() == 1 ? " time" : " times") + "):\n  " + String.join("\n  ", found));
        }
    }

    /**
     * Fails on every violation but the known ones, and on a known one that no longer occurs:
     * a code base that does not keep a rule yet may not break it anywhere new, and its list of
     * exceptions only shrinks. Each known violation is a fragment of the violation's line
     * (the class and what it uses, without line numbers, which move).
     */
    public void checkExcept(List<String> known) {
        List<String> found = violations();
        List<String> fresh = found.stream().filter(v -> known.stream().noneMatch(v::contains)).toList();
        List<String> fixed = known.stream().filter(k -> found.stream().noneMatch(v -> v.contains(k))).toList();
        if (!fresh.isEmpty() || !fixed.isEmpty()) {
            throw new AssertionError("Architecture rule '" + description + "':"
                    + (fresh.isEmpty() ? "" : "\n violated anew:\n  " + String.join("\n  ", fresh))
                    + (fixed.isEmpty() ? "" : "\n kept now, so drop it from the known violations:\n  "
                            + String.join("\n  ", fixed)));
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
