package dev.bazaar.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What Prometheus scrapes: every instance's {@code /actuator/prometheus}, on its management port
 * and without a token, carries the outbox and dead-letter series the Grafana dashboard plots,
 * beside the HTTP and JVM ones, and Bazaar's own per-instance counters where the service has them.
 * (That the public ports serve none of it is AttacksIT's.)
 */
class MetricsIT {

    static RunningBazaar bazaar;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.get();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "catalog,  true",
            "order,    true",
            "payment,  true",
            // identity publishes events but consumes none: no dead-letter queue of its own
            "identity, false"})
    void everyInstanceExposesItsOutboxAndDeadLetterSeries(String service, boolean consumes) {
        assertThat(bazaar.instances(service)).hasSize(RunningBazaar.INSTANCES);
        for (ServiceProcess instance : bazaar.instances(service)) {
            String metrics = given().baseUri(instance.managementUrl()).when().get("/actuator/prometheus")
                    .then().statusCode(200).extract().asString();

            assertThat(samples(metrics, "bazaar_outbox_backlog")).as(instance.name()).singleElement().asString()
                    .doesNotContain("NaN");
            assertThat(samples(metrics, "bazaar_outbox_oldest_age_seconds")).as(instance.name()).singleElement().asString()
                    .doesNotContain("NaN");
            assertThat(samples(metrics, "jvm_memory_used_bytes")).as(instance.name()).isNotEmpty();
            assertThat(samples(metrics, "http_server_requests_seconds_bucket")).as(instance.name()).isNotEmpty();
            if (consumes) {
                assertThat(samples(metrics, "bazaar_dlq_depth")).as(instance.name()).isNotEmpty()
                        .allSatisfy(line -> assertThat(line).contains("queue=\"").doesNotContain("NaN"));
            }
        }
    }

    @Test
    void theGatewayExposesItsSeriesOnItsManagementPort() {
        String metrics = given().baseUri(bazaar.service("gateway").managementUrl())
                .when().get("/actuator/prometheus")
                .then().statusCode(200).extract().asString();

        assertThat(samples(metrics, "http_server_requests_seconds_bucket")).isNotEmpty();
        assertThat(samples(metrics, "jvm_memory_used_bytes")).isNotEmpty();
    }

    /** The sample lines of one series in Prometheus' text format, with or without labels. */
    private static List<String> samples(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + "{") || line.startsWith(series + " ")).toList();
    }
}
