package dev.bazaar.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;

/** What identity's configuration files hold, without starting anything. */
class ConfigurationFilesTest {

    private static Map<String, Object> load(String file) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (var source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
            EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
            for (String name : enumerable.getPropertyNames()) {
                properties.put(name, String.valueOf(enumerable.getProperty(name)));
            }
        }
        return properties;
    }

    @Test
    void theMainFileHoldsNoSecretOnlyPlaceholdersWithoutDefaults() throws IOException {
        Map<String, Object> main = load("application.yml");

        assertThat(main).allSatisfy((name, value) -> {
            if (name.matches("(?i).*(password|secret).*")) {
                assertThat((String) value).as(name).matches("\\$\\{[A-Z_]+:?}");
            }
        });
        assertThat(main).doesNotContainKey("spring.datasource.password");
    }

    @Test
    void actuatorHasAManagementPortOfItsOwn() throws IOException {
        assertThat(load("application.yml")).containsEntry("management.server.port", "8184");
    }

    @Test
    void secretsForADevelopersMachineLiveInTheDevProfile() throws IOException {
        Map<String, Object> dev = load("application-dev.yml");

        assertThat(dev).containsKeys("spring.datasource.password", "bazaar.identity.key-encryption-secret",
                "bazaar.identity.admin.password", "bazaar.identity.service-clients[0].secret");
        assertThat(dev).containsEntry("bazaar.identity.trusted-proxies[0]", "127.0.0.1")
                .containsEntry("bazaar.identity.trusted-proxies[1]", "::1");
    }
}
