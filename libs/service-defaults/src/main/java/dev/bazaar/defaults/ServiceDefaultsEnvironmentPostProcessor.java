package dev.bazaar.defaults;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every Bazaar service shares, sized for a small box (2 cores). They sit below
 * every other property source, so a service's application.yml or an environment
 * variable overrides any of them.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "bazaarServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        // request handling on virtual threads: a small carrier pool serves many waits
        defaults.put("spring.threads.virtual.enabled", "true");
        defaults.put("server.shutdown", "graceful");
        defaults.put("server.tomcat.threads.max", "32");
        defaults.put("server.tomcat.max-swallow-size", "1MB");
        // Tomcat counts the request line and every header together: above what the gateway
        // lets through (an 8 KB URI and 8 KB of headers), so a request it accepts is served
        defaults.put("server.max-http-request-header-size", "24KB");
        defaults.put("spring.datasource.hikari.maximum-pool-size", "8");
        defaults.put("spring.datasource.hikari.minimum-idle", "1");
        defaults.put("spring.datasource.hikari.connection-timeout", "5000");
        defaults.put("spring.flyway.locations", "classpath:db/migration,classpath:db/messaging");
        defaults.put("spring.rabbitmq.publisher-confirm-type", "correlated");
        defaults.put("spring.rabbitmq.cache.channel.size", "8");
        defaults.put("spring.grpc.server.shutdown.grace-period", "5s");
        // gRPC auth is Bazaar's own interceptor (ServiceScopeInterceptor), not Spring gRPC's
        defaults.put("spring.autoconfigure.exclude",
                "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerSecurityAutoConfiguration,"
                        + "org.springframework.boot.grpc.server.autoconfigure.security.GrpcServerOAuth2ResourceServerAutoConfiguration");
        // JSON logs on stdout; the OTel agent puts trace_id/span_id in the MDC, logstash format prints it
        defaults.put("logging.structured.format.console", "logstash");
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        // each service sets management.server.port: Actuator lives there, a port never published;
        // it shows which parts are up, never their details (disk paths, database versions)
        defaults.put("management.endpoint.health.show-details", "never");
        defaults.put("management.endpoint.health.show-components", "always");
        defaults.put("management.endpoint.health.validate-group-membership", "false");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db,rabbit,redis");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        // the only health on the application port: the probes' groups, each a bare UP or DOWN
        defaults.put("management.endpoint.health.group.readiness.additional-path", "server:/readyz");
        defaults.put("management.endpoint.health.group.liveness.additional-path", "server:/livez");
        defaults.put("management.endpoint.health.group.readiness.show-components", "never");
        defaults.put("management.endpoint.health.group.liveness.show-components", "never");
        defaults.put("management.endpoint.health.group.readiness.show-details", "never");
        defaults.put("management.endpoint.health.group.liveness.show-details", "never");
        defaults.put("management.observations.annotations.enabled", "false");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        // the deployment-wide names of DESIGN.md (BAZAAR_ISSUER_URL, BAZAAR_IDENTITY_URL) feed every service's keys
        defaults.put("bazaar.security.issuer-url", "${BAZAAR_ISSUER_URL:http://localhost:8080}");
        defaults.put("bazaar.security.jwk-set-uri", "${BAZAAR_IDENTITY_URL:http://localhost:8084}/oauth2/jwks");
        defaults.put("bazaar.service-client.token-uri", "${BAZAAR_IDENTITY_URL:http://localhost:8084}/oauth2/token");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
