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

    @Override
    public String toString() {
        return description;
    }
}
