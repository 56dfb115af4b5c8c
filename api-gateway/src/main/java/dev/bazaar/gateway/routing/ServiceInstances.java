package dev.bazaar.gateway.routing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code bazaar.gateway.services.<service>} (fed by {@code BAZAAR_<SERVICE>_URL}, a
 * comma-separated list of instance URLs) into Spring Cloud LoadBalancer's simple discovery
 * instances, {@code spring.cloud.discovery.client.simple.instances.<service>[n].uri}: the
 * deployment names one variable per service, the routes say {@code lb://<service>}. The
 * result sits below every other source, so instances configured under Spring Cloud's own
 * keys win. A URL whose host name has several addresses is taken apart into one instance per
 * address by each service's balancer ({@link InstancesByAddress}).
 */
public class ServiceInstances implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "bazaarServiceInstances";
    private static final String PREFIX = "spring.cloud.discovery.client.simple.instances.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, String> services = Binder.get(environment)
                .bind("bazaar.gateway.services", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        Map<String, Object> instances = new LinkedHashMap<>();
        services.forEach((service, urls) -> {
            List<String> each = Arrays.stream(urls.split(",")).map(String::strip).filter(url -> !url.isEmpty()).toList();
            for (int i = 0; i < each.size(); i++) {
                instances.put(PREFIX + service + "[" + i + "].uri", each.get(i));
            }
        });
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, instances));
    }
}
