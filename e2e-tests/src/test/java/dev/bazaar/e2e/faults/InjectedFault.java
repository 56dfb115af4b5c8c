package dev.bazaar.e2e.faults;

import java.time.Duration;
import java.time.Instant;

/** One fault of the scenario, as the report shows it. */
record InjectedFault(String name, String how, Instant start, Instant end, long requestsDuring, int acceptedDuring) {

    Duration duration() {
        return Duration.between(start, end);
    }
}
