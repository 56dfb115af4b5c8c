package dev.bazaar.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** What every deployment reads holds no secret; defaults for a developer's machine are the dev profile's. */
class ConfigurationSecretsTest {

    private static Properties load(String name) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(name));
        return yaml.getObject();
    }

    @Test
    void keepsSecretsOutOfTheMainConfigurationAndActuatorOnItsOwnPort() {
        Properties main = load("application.yml");

        assertThat(main.stringPropertyNames())
                .noneMatch(key -> key.toLowerCase().contains("password") || key.toLowerCase().contains("secret"));
        assertThat(main.getProperty("management.server.port")).isEqualTo("8181");
        assertThat(load("application-dev.yml").getProperty("spring.datasource.password")).isEqualTo("catalog");
    }
}
