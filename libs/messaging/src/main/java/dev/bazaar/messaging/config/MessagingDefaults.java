package dev.bazaar.messaging.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Defaults that any explicit setting overrides. The relay relies on publisher confirms,
 * and the service name is needed both by {@link MessagingProperties} and by the
 * dead-letter endpoint's path, so it is set as a property rather than computed in code.
 */
public class MessagingDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DefaultPropertiesPropertySource.addOrMerge(Map.of(
                "bazaar.messaging.service", "${spring.application.name}",
                "spring.rabbitmq.publisher-confirm-type", "correlated"), environment.getPropertySources());
    }
}
