package dev.bazaar.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * What payment-service ships with: secrets and the simulated card processor only in the dev
 * profile, so a deployment without it has to bring its own, and Actuator on its own port.
 */
class ConfigurationSecretsTest {

    private static PropertySource<?> load(String file) throws IOException {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        assertThat(documents).hasSize(1);
        return documents.getFirst();
    }

    @Test
    void theMainConfigurationHoldsNoSecretAndNamesNoCardProcessor() throws IOException {
        PropertySource<?> main = load("application.yml");

        assertThat(main.getProperty("spring.datasource.password")).isNull();
        assertThat(main.getProperty("bazaar.payment.provider")).isNull();
        assertThat(main.getProperty("management.server.port")).isEqualTo(8183);
    }

    @Test
    void theDevProfileBringsTheDevPasswordAndTheSimulatedProcessor() throws IOException {
        PropertySource<?> dev = load("application-dev.yml");

        assertThat(dev.getProperty("spring.datasource.password")).hasToString("payments");
        assertThat(dev.getProperty("bazaar.payment.provider")).hasToString("simulated");
    }
}
