package dev.bazaar.defaults;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

import dev.bazaar.defaults.grpc.PeerChannels;

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
        // SIGTERM: stop taking requests, finish those in hand, then stop; each phase (web server,
        // listener containers, gRPC server) gets this long, well inside the 30 s before a SIGKILL
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
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
        // above the 5 s deadline of the calls Bazaar makes, so a call in hand finishes
        defaults.put("spring.grpc.server.shutdown.grace-period", "10s");
        // the gRPC health a caller balances by (PeerChannels): whether this instance can serve
        // calls, not its overall health, which includes the broker: a broker away must not make
        // callers give up instances that answer from the database alone
        defaults.put("spring.grpc.server.health.service[" + PeerChannels.HEALTH_SERVICE + "].include", "readinessState,db");
        defaults.put("spring.grpc.server.health.services.validate-membership", "false");
        defaults.put("spring.grpc.server.health.schedule.delay", "1s");
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
        // the published document (contracts/openapi/): the REST API only, never a service's HTML pages;
        // bodies as served; keys sorted, so that the same code gives the same bytes
        defaults.put("springdoc.paths-to-match", "/api/**");
        defaults.put("springdoc.default-produces-media-type", "application/json");
        defaults.put("springdoc.writer-with-order-by-keys", "true");
        // the deployment-wide names of DESIGN.md (BAZAAR_ISSUER_URL, BAZAAR_IDENTITY_URL) feed every service's keys
        defaults.put("bazaar.security.issuer-url", "${BAZAAR_ISSUER_URL:http://localhost:8080}");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
        environment.getPropertySources().addLast(new IdentityEndpoints(environment));
    }

    /**
     * bazaar.security.jwk-set-uri and bazaar.service-client.token-uri from BAZAAR_IDENTITY_URL,
     * which may list several identity instances ({@code http://a:8084,http://b:9084}): one
     * endpoint per instance. Computed when asked, so a value that comes later (a test's) counts.
     */
    static final class IdentityEndpoints extends PropertySource<Map<String, String>> {

        static final String NAME = "bazaarIdentityEndpoints";
        private static final Map<String, String> PATHS = Map.of(
                "bazaar.security.jwk-set-uri", "/oauth2/jwks",
                "bazaar.service-client.token-uri", "/oauth2/token");

        // a field, not this source's source: Boot walks into a source that is an environment
        private final PropertyResolver environment;

        IdentityEndpoints(PropertyResolver environment) {
            super(NAME, PATHS);
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            String path = PATHS.get(name);
            if (path == null) {
                return null;
            }
            String instances = environment.getProperty("BAZAAR_IDENTITY_URL", "http://localhost:8084");
            return Arrays.stream(instances.split(",")).map(String::trim).filter(url -> !url.isEmpty())
                    .map(url -> url.replaceAll("/+$", "") + path)
                    .collect(Collectors.joining(","));
        }
    }
}
