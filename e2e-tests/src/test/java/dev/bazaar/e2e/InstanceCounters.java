package dev.bazaar.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bazaar's own per-instance counters, as Prometheus scrapes them from one instance's management
 * port: how many charges a payment instance made, how many ReserveStock requests a catalog
 * instance served. They are Bazaar's meters (not Micrometer's observations), so they mean the
 * same whatever those become. A counter lives in its process: a killed instance starts again at 0.
 */
public final class InstanceCounters {

    /** payment-service's {@code bazaar.payment.charges}, by {@code outcome}: succeeded, declined, failed. */
    public static final String CHARGES = "bazaar_payment_charges_total";
    /** catalog-service's {@code bazaar.catalog.stock.reservations}, by {@code outcome}: reserved, insufficient, replayed. */
    public static final String RESERVATIONS = "bazaar_catalog_stock_reservations_total";

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern OUTCOME = Pattern.compile("outcome=\"([^\"]*)\"");

    /**
     * One reading of a counter on one instance: by outcome, or {@code reachable == false} when the
     * instance did not answer (killed, starting).
     */
    public record Reading(String instance, Instant at, boolean reachable, Map<String, Double> byOutcome) {

        public double total() {
            return byOutcome.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** As a report shows it: {@code 41 (succeeded 35, declined 6)}, or {@code not answering}. */
        public String text() {
            if (!reachable) {
                return "not answering";
            }
            StringBuilder text = new StringBuilder().append(Math.round(total()));
            if (!byOutcome.isEmpty()) {
                text.append(" (");
                byOutcome.forEach((outcome, value) -> text.append(outcome).append(' ').append(Math.round(value)).append(", "));
                text.setLength(text.length() - 2);
                text.append(')');
            }
            return text.toString();
        }
    }

    private InstanceCounters() {
    }

    public static Reading read(ServiceProcess instance, String series) {
        Instant at = Instant.now();
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                    URI.create(instance.managementUrl() + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                return new Reading(instance.name(), at, false, Map.of());
            }
            return new Reading(instance.name(), at, true, samples(answer.body(), series));
        } catch (IOException e) {
            return new Reading(instance.name(), at, false, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(instance.name(), at, false, Map.of());
        }
    }

    /** The samples of one series in Prometheus' text format, summed per {@code outcome} label. */
    static Map<String, Double> samples(String metrics, String series) {
        Map<String, Double> byOutcome = new TreeMap<>();
        metrics.lines().filter(line -> line.startsWith(series + "{") || line.startsWith(series + " ")).forEach(line -> {
            Matcher outcome = OUTCOME.matcher(line);
            String key = outcome.find() ? outcome.group(1) : "";
            // the value follows the labels; an exemplar or timestamp may follow it
            String afterName = line.substring(line.startsWith(series + "{") ? line.indexOf('}') + 1 : series.length()).strip();
            double value = Double.parseDouble(afterName.split("\\s+")[0]);
            byOutcome.merge(key, value, Double::sum);
        });
        return byOutcome;
    }
}
