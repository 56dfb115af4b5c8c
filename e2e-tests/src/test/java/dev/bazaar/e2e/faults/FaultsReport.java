package dev.bazaar.e2e.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.bazaar.e2e.SuiteReports;

/** The short report of a run: printed, and written to e2e-tests/target/faults-report.md (see {@link SuiteReports}). */
record FaultsReport(
        long seed,
        boolean realInfrastructure,
        Duration scenario,
        List<InjectedFault> faults,
        CheckoutLoad load,
        OrderBooks.Tally tally,
        Duration finalAfterLastFault,
        Map<String, Long> deadLetters,
        Map<String, EventDeliveries.Counts> deliveries,
        Map<String, Long> inboxRows,
        CounterReadings counters,
        String booksAudit,
        List<String> violations) {

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Fault injection under checkout load\n\n");
        md.append("- seed: `").append(seed).append("` (rerun with `-Dbazaar.faults.seed=").append(seed).append("`)\n");
        md.append("- Postgres and RabbitMQ: ").append(realInfrastructure
                ? "restarted for real (`bazaar.faults.infra=true`)"
                : "simulated by cutting every service's connections to them (set `bazaar.faults.infra=true` for real restarts)")
                .append('\n');
        md.append("- scenario: ").append(scenario.toSeconds()).append(" s; every order final ")
                .append(finalAfterLastFault == null ? "NOT within 60 s" : finalAfterLastFault.toMillis() + " ms")
                .append(" after the last fault\n");
        md.append("- **violations: ").append(violations.size()).append("**\n\n");

        md.append("## Faults injected: ").append(faults.size()).append("\n\n");
        md.append("| fault | how | lasted | requests meanwhile | orders accepted meanwhile |\n|---|---|---|---|---|\n");
        for (InjectedFault fault : faults) {
            md.append("| ").append(fault.name()).append(" | ").append(fault.how()).append(" | ")
                    .append(fault.duration().toMillis()).append(" ms | ").append(fault.requestsDuring()).append(" | ")
                    .append(fault.acceptedDuring()).append(" |\n");
        }

        md.append("\n## Load\n\n");
        md.append("| count | value |\n|---|---|\n");
        row(md, "requests tried (orders + cancellations, retries included)", load.requests());
        row(md, "order requests", load.orderRequests.get());
        row(md, "retries (same Idempotency-Key, same body)", load.retries.get());
        row(md, "network errors (no HTTP answer)", load.networkErrors.get());
        row(md, "orders accepted (201)", load.acceptedCount());
        row(md, "accepted only after a retry", load.acceptedAfterRetry.get());
        row(md, "accepted with tok_chargeDeclined", load.declinedTokens.get());
        row(md, "cancelled by the shopper (200)", load.cancelled.size());
        row(md, "refused for stock (409)", load.outOfStock.get());
        row(md, "never answered", load.unanswered.size());
        md.append("| HTTP statuses seen | ").append(load.statuses.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().get()).collect(Collectors.joining(", "))).append(" |\n");

        md.append("\n## Books\n\n");
        md.append("| count | value |\n|---|---|\n");
        row(md, "CONFIRMED", tally.confirmed());
        row(md, "CANCELLED", tally.cancelled());
        row(md, "not final", tally.awaiting());
        row(md, "lost (201 but not stored)", violations.stream().filter(v -> v.startsWith("lost:")).count());
        row(md, "charges captured at the processor", tally.captured());
        row(md, "refunds at the processor", tally.refunds());
        row(md, "duplicate refunds", tally.duplicateRefunds());
        row(md, "duplicate charges (money held beyond an order's total)",
                violations.stream().filter(v -> v.contains("processor")).count());
        md.append("| dead letters | ").append(deadLetters.values().stream().mapToLong(Long::longValue).sum())
                .append(" (").append(deadLetters.size()).append(" dead-letter queues of this run) |\n");
        md.append("| shared audit (BooksAudit) | ").append(booksAudit).append(" |\n");

        md.append("\n## Event deliveries during the scenario\n\n");
        md.append("From the consumers' logs (lower bounds: a killed process loses its unflushed lines; another e2e run at ")
                .append("the same time would add its lines) and the inbox tables (all events ever applied).\n\n");
        md.append("| service | delivered | applied | duplicates delivered, not applied | failed attempts (retried) | inbox rows |\n")
                .append("|---|---|---|---|---|---|\n");
        deliveries.forEach((service, counts) -> md.append("| ").append(service).append(" | ")
                .append(counts.applied() + counts.duplicatesSkipped()).append(" | ").append(counts.applied()).append(" | ")
                .append(counts.duplicatesSkipped()).append(" | ").append(counts.failedAttempts()).append(" | ")
                .append(inboxRows.getOrDefault(service, 0L)).append(" |\n"));

        md.append("\n## Per instance: Bazaar's own counters\n\n");
        md.append("Read from each instance's management port (`/actuator/prometheus`): payment instances' `")
                .append(dev.bazaar.e2e.InstanceCounters.CHARGES).append("` (charges made, by outcome), catalog instances' `")
                .append(dev.bazaar.e2e.InstanceCounters.RESERVATIONS).append("` (ReserveStock requests served, by outcome). ")
                .append("A counter lives in its process: a killed instance starts again at 0, so each instance is read ")
                .append("just before it is killed and after it is back.\n\n");
        List<String> instances = counters.instances();
        md.append("| moment | at |");
        instances.forEach(instance -> md.append(' ').append(instance).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(instances.size())).append('\n');
        for (CounterReadings.Moment moment : counters.moments) {
            md.append("| ").append(moment.name()).append(" | ").append(moment.at()).append(" |");
            instances.forEach(instance -> {
                var reading = moment.byInstance().get(instance);
                md.append(' ').append(reading == null ? "-" : reading.text()).append(" |");
            });
            md.append('\n');
        }

        md.append("\n## Findings that are not violations\n\n");
        md.append("HTTP 500 answers (retried with the same key; a service that cannot serve for now should say 503): ")
                .append(load.serverErrors.size()).append("\n\n");
        load.serverErrors.stream()
                .collect(Collectors.groupingBy(error -> duringWhich(error.at()) + " | " + error.request(),
                        java.util.TreeMap::new, Collectors.counting()))
                .forEach((where, count) -> md.append("- ").append(count).append(" × ").append(where).append('\n'));
        load.serverErrors.stream().findFirst().ifPresent(first -> md.append("- first body: `")
                .append(first.body().replace('`', '\'')).append("`\n"));

        md.append("\n## Violations: ").append(violations.size()).append("\n\n");
        violations.stream().limit(50).forEach(v -> md.append("- ").append(v).append('\n'));
        if (violations.size() > 50) {
            md.append("- ... and ").append(violations.size() - 50).append(" more\n");
        }
        return md.toString();
    }

    /** The fault an instant fell into, counting a few seconds after it for the services to notice it is over. */
    private String duringWhich(java.time.Instant at) {
        return faults.stream()
                .filter(f -> !at.isBefore(f.start()) && !at.isAfter(f.end().plusSeconds(5)))
                .map(InjectedFault::name).findFirst().orElse("outside any fault");
    }

    void publish() {
        SuiteReports.publish("faults", markdown(), "faults injected: " + faults.size() + "; requests tried: "
                + load.requests() + " (retries " + load.retries.get() + ", network errors " + load.networkErrors.get()
                + "); orders accepted: " + load.acceptedCount() + " (CONFIRMED " + tally.confirmed() + ", CANCELLED "
                + tally.cancelled() + "); violations: " + violations.size());
    }

    private static void row(StringBuilder md, String name, long value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }
}
