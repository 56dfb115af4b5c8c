package dev.bazaar.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** What an operator gets without setting anything: the defaults in application.yml. */
class ApplicationDefaultsTest {

    @Test
    void servesActuatorOnManagementPort8180AndProbesServicesAtReadyz() throws IOException {
        List<PropertySource<?>> yml = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        PropertySource<?> defaults = yml.getFirst();

        assertThat(defaults.getProperty("management.server.port")).hasToString("8180");
        assertThat(defaults.getProperty("management.endpoint.health.group.liveness.additional-path")).hasToString("server:/livez");
        assertThat(defaults.getProperty("management.endpoint.health.group.readiness.additional-path")).hasToString("server:/readyz");
        // each service's application port keeps only /livez and /readyz
        assertThat(defaults.getProperty("spring.cloud.loadbalancer.health-check.path.default")).hasToString("/readyz");
        assertThat(defaults.getProperty("bazaar.security.jwks-refresh")).hasToString("5m");
    }

    @Test
    void finishesRequestsInFlightOnShutdownAndLooksUpInstancesAgainPeriodically() throws IOException {
        PropertySource<?> defaults = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml")).getFirst();

        assertThat(defaults.getProperty("server.shutdown")).hasToString("graceful");
        assertThat(defaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase")).hasToString("20s");
        // a host name's addresses (compose --scale, a headless Service) are looked up again this often
        assertThat(defaults.getProperty("spring.cloud.loadbalancer.health-check.refetch-instances")).hasToString("true");
    }
}
