package dev.bazaar.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bazaar.e2e.deploy.ImageScheme;
import dev.bazaar.e2e.deploy.RequiredKeys;

/**
 * docker-compose.yml, checked statically: there is no Docker engine in CI, so a wrong file would
 * otherwise only show on someone's laptop. The rules live in {@link ComposeFileCheck}; the second
 * half of this class breaks a copy of the real file in memory and proves each rule notices.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
    private static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");

    /**
     * The keys each service needs that its application.yml does not show as a placeholder without
     * default, from the one list deploy/k8s is checked against too. Placeholders are added by the check.
     */
    static final Map<String, Set<String>> STANDARD_KEYS = RequiredKeys.load(ROOT).listed();

    /** The gateway and the tools' UIs; every other port stays inside the compose network. */
    static final Map<String, Set<Integer>> PUBLISHED_PORTS = Map.of(
            "api-gateway", Set.of(8080),
            "rabbitmq", Set.of(15672),
            "jaeger", Set.of(16686),
            "grafana", Set.of(3000),
            "prometheus", Set.of(9090));

    /** What {@code docker compose up --scale <service>=N} runs several of (the gateway holds the published port). */
    static final Set<String> SCALABLE = Set.of("identity-service", "catalog-service", "order-service", "payment-service");

    private final ComposeFileCheck check = new ComposeFileCheck(ROOT, STANDARD_KEYS, PUBLISHED_PORTS, SCALABLE,
            ImageScheme.of(ROOT));

    // ---- the real file ----

    @Test
    void composeFileParsesWithTheServicesAndTheirInfrastructure() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);

        assertThat(ComposeFileCheck.map(compose.get("services"))).containsKeys(
                "postgres", "rabbitmq", "redis", "jaeger", "prometheus", "grafana",
                "identity-service", "catalog-service", "order-service", "payment-service", "api-gateway");
    }

    @Test
    void composeFileBreaksNoRule() {
        assertThat(check.problems(ComposeFileCheck.load(COMPOSE_FILE))).isEmpty();
    }

    @Test
    void everyServiceGetsEveryKeyItsConfigurationNeeds() {
        Map<String, Object> services = ComposeFileCheck.map(ComposeFileCheck.load(COMPOSE_FILE).get("services"));

        STANDARD_KEYS.keySet().forEach(name -> {
            Map<String, String> environment = ComposeFileCheck.environment(ComposeFileCheck.map(services.get(name)));
            assertThat(environment).as(name).containsKeys(
                    check.requiredKeys(name, environment).keySet().toArray(String[]::new));
        });
    }

    @Test
    void headerAndReadmeStateTheMemoryTotal() throws IOException {
        long total = ComposeFileCheck.totalMemoryMiB(ComposeFileCheck.load(COMPOSE_FILE));

        assertThat(Files.readString(COMPOSE_FILE).lines().limit(10)).as("docker-compose.yml header")
                .anyMatch(line -> line.contains("total " + total + " MiB"));
        assertThat(Files.readString(ROOT.resolve("README.md")).contains("**" + total + " MiB**"))
                .as("README.md's memory table gives the total as **%d MiB**", total).isTrue();
    }

    // ---- broken copies: each rule notices ----

    @Test
    void reportsAServiceThatLacksARequiredKey() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        environmentOf(compose, "order-service").remove("SPRING_DATASOURCE_URL");

        assertThat(check.problems(compose)).containsExactly(
                "order-service: environment lacks SPRING_DATASOURCE_URL (required by deploy/required-keys.yml)");
    }

    @Test
    void reportsAKeyRequiredByAPlaceholderWithoutDefault(@TempDir Path root) throws IOException {
        // a service whose application.yml gains a setting without default, and a compose file that misses it
        Path resources = Files.createDirectories(root.resolve("stock-service/src/main/resources"));
        Files.writeString(resources.resolve("application.yml"), """
                bazaar:
                  stock:
                    # ${NOT_IN_A_COMMENT} is not read
                    warehouse-url: ${BAZAAR_WAREHOUSE_URL}
                    timeout: ${BAZAAR_STOCK_TIMEOUT:5s}
                    name: ${spring.application.name}
                """);
        Files.writeString(resources.resolve("application-dev.yml"), "bazaar.stock.token: ${BAZAAR_DEV_TOKEN}\n");
        reactorWith(root, "stock-service", """
                ARG SERVICE
                RUN ./mvnw -pl "${SERVICE}" -am package
                """);
        Map<String, Object> compose = Map.of("services", Map.of("stock-service", Map.of(
                "build", Map.of("context", ".", "dockerfile", "Dockerfile", "args", Map.of("SERVICE", "stock-service")),
                "environment", Map.of("SPRING_PROFILES_ACTIVE", "dev"),
                "mem_limit", "256m",
                "stop_grace_period", "30s",
                "healthcheck", Map.of("test", List.of("CMD", "true")))));
        ComposeFileCheck stockCheck = new ComposeFileCheck(root, Map.of("stock-service", Set.of()), Map.of());

        assertThat(stockCheck.problems(compose)).containsExactlyInAnyOrder(
                "stock-service: environment lacks BAZAAR_WAREHOUSE_URL (required by a placeholder without default in "
                        + Path.of("stock-service/src/main/resources/application.yml") + ")",
                "stock-service: environment lacks BAZAAR_DEV_TOKEN (required by a placeholder without default in "
                        + Path.of("stock-service/src/main/resources/application-dev.yml") + ")");
    }

    @Test
    void reportsAnImageThatIsNotNamedAndTaggedAsKubernetesPullsIt() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        String version = ImageScheme.of(ROOT).version();
        serviceOf(compose, "catalog-service").put("image", "bazaar/catalog-service:dev");
        serviceOf(compose, "order-service").remove("image");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "catalog-service: image bazaar/catalog-service:dev is not bazaar/catalog-service:" + version
                        + " (bazaar/<service>:<the root pom's version>, as deploy/k8s pulls it)",
                "order-service: image null is not bazaar/order-service:" + version
                        + " (bazaar/<service>:<the root pom's version>, as deploy/k8s pulls it)");
    }

    @Test
    void reportsADependencyOnAContainerWithoutHealthcheck() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "redis").remove("healthcheck");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "redis: no healthcheck",
                "api-gateway: depends on redis, which has no healthcheck");
    }

    @Test
    void reportsADependencyThatIsNotAServiceOrNotAwaitedHealthy() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "payment-service").put("depends_on", List.of("postgres", "rabbit"));

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "payment-service: depends on postgres without condition: service_healthy",
                "payment-service: depends on rabbit, which is not a service");
    }

    @Test
    void reportsTwoContainersPublishingOneHostPortAndABackendPublishingAtAll() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "catalog-service").put("ports", List.of("8080:8081"));

        assertThat(check.problems(compose)).anyMatch(p -> p.contains("host port 8080 is already published by"))
                .contains("catalog-service: publishes host port 8080; only " + PUBLISHED_PORTS
                        + " may be published (everything else goes through the gateway)");
    }

    @Test
    void reportsAContainerWithoutMemoryLimit() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "jaeger").remove("mem_limit");

        assertThat(check.problems(compose)).containsExactly(
                "jaeger: no memory limit (mem_limit or deploy.resources.limits.memory)");
    }

    @Test
    void reportsAMissingDockerfile() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "payment-service").put("build",
                Map.of("context", ".", "dockerfile", "payment-service/Dockerfile.missing"));

        assertThat(check.problems(compose)).containsExactly(
                "payment-service: Dockerfile payment-service/Dockerfile.missing does not exist");
    }

    @Test
    void reportsAServiceWithoutBuildOrWithABuildContextThatDoesNotExist() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "order-service").remove("build");
        serviceOf(compose, "catalog-service").put("build", Map.of("context", "catalog-service/docker", "dockerfile", "Dockerfile"));

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "order-service: no build section (Bazaar services are built from the repository's Dockerfile)",
                "catalog-service: build context catalog-service/docker does not exist");
    }

    @Test
    void reportsAServiceArgumentThatNamesAMissingModuleOrAnotherService() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        buildArgsOf(compose, "payment-service").put("SERVICE", "payments-service");
        buildArgsOf(compose, "catalog-service").put("SERVICE", "order-service");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "payment-service: build arg SERVICE=payments-service names no module of the Maven reactor "
                        + "(payments-service/pom.xml, listed in pom.xml)",
                "payment-service: build arg SERVICE=payments-service is not its own module payment-service",
                "catalog-service: build arg SERVICE=order-service is not its own module catalog-service");
    }

    @Test
    void reportsAModuleDirectoryThatTheReactorDoesNotList(@TempDir Path root) throws IOException {
        reactorWith(root, "stock-service", """
                ARG SERVICE
                RUN ./mvnw -pl "${SERVICE}" -am package
                """);
        Files.createDirectories(root.resolve("warehouse-service"));
        Files.writeString(root.resolve("warehouse-service/pom.xml"), "<project/>");
        Map<String, Object> compose = Map.of("services", Map.of("warehouse-service", buildingService(
                Map.of("context", ".", "dockerfile", "Dockerfile", "args", Map.of("SERVICE", "warehouse-service")))));

        assertThat(new ComposeFileCheck(root, Map.of("warehouse-service", Set.of()), Map.of()).problems(compose))
                .containsExactly("warehouse-service: build arg SERVICE=warehouse-service names no module of the Maven "
                        + "reactor (warehouse-service/pom.xml, listed in pom.xml)");
    }

    @Test
    void reportsABuildArgumentTheDockerfileNeedsThatIsMissingOrEmptyAndOneItDoesNotDeclare() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        buildArgsOf(compose, "identity-service").remove("SERVICE");
        buildArgsOf(compose, "payment-service").put("SERVICE", null);
        buildArgsOf(compose, "api-gateway").remove("HTTP_PORT");
        buildArgsOf(compose, "api-gateway").put("HTTP_PORTS", "8080");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "identity-service: build args lack SERVICE, which Dockerfile declares without default",
                "payment-service: build arg SERVICE has no value in the compose file",
                "api-gateway: build args lack HTTP_PORT, which Dockerfile declares without default",
                "api-gateway: build arg HTTP_PORTS is not declared in Dockerfile (ARG HTTP_PORTS)");
    }

    @Test
    void reportsAPortArgumentThatIsNotThePortTheContainerServes() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        buildArgsOf(compose, "order-service").put("HTTP_PORT", "8081");
        buildArgsOf(compose, "catalog-service").put("GRPC_PORT", "9092");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "order-service: build arg HTTP_PORT=8081 is not its SERVER_PORT 8082 (the port the image exposes)",
                "catalog-service: build arg GRPC_PORT=9092 is not its SPRING_GRPC_SERVER_PORT 9091 (the port the image exposes)");
    }

    @Test
    void reportsABuildFromAnotherDockerfileThanTheRootOneOrOneThatIgnoresTheServiceArgument(@TempDir Path root)
            throws IOException {
        reactorWith(root, "stock-service", """
                ARG SERVICE
                RUN ./mvnw -pl "${SERVICE}" -am package
                """);
        // the old shape: a Dockerfile per module, its name written in
        Files.writeString(root.resolve("stock-service/Dockerfile"), "RUN ./mvnw -pl stock-service -am package\n");
        Map<String, Object> compose = Map.of("services", Map.of("stock-service", buildingService(Map.of(
                "context", ".", "dockerfile", "stock-service/Dockerfile", "args", Map.of("SERVICE", "stock-service")))));

        assertThat(new ComposeFileCheck(root, Map.of("stock-service", Set.of()), Map.of()).problems(compose))
                .containsExactlyInAnyOrder(
                        "stock-service: builds from " + Path.of("stock-service/Dockerfile")
                                + ", not the one Dockerfile at the repository root",
                        "stock-service: " + Path.of("stock-service/Dockerfile") + " does not build the module its SERVICE "
                                + "argument names (ARG SERVICE, -pl \"${SERVICE}\")",
                        "stock-service: build arg SERVICE is not declared in " + Path.of("stock-service/Dockerfile")
                                + " (ARG SERVICE)");
    }

    @Test
    void reportsAFileTheDockerfileCopiesThatIsMissingOrLeftOutByDockerignore(@TempDir Path root) throws IOException {
        reactorWith(root, "stock-service", """
                ARG SERVICE
                COPY mvnw pom.xml ./
                COPY . .
                RUN ./mvnw -pl ${SERVICE} -am package
                COPY --from=build /workspace/app.jar /app/app.jar
                COPY deploy/otel/agent.properties /app/otel-agent.properties
                COPY --chown=10001 deploy/otel/tracing.properties /app/tracing.properties
                COPY deploy/otel/dashboards.json /app/dashboards.json
                """);
        Files.createDirectories(root.resolve("deploy/otel"));
        Files.writeString(root.resolve("deploy/otel/agent.properties"), "");
        Files.writeString(root.resolve("deploy/otel/dashboards.json"), "");
        Files.writeString(root.resolve(".dockerignore"), """
                # not needed in an image
                deploy/
                !deploy/otel/agent.properties
                """);
        Map<String, Object> compose = Map.of("services", Map.of("stock-service", buildingService(
                Map.of("context", ".", "dockerfile", "Dockerfile", "args", Map.of("SERVICE", "stock-service")))));

        assertThat(new ComposeFileCheck(root, Map.of("stock-service", Set.of()), Map.of()).problems(compose)).containsExactly(
                "stock-service: Dockerfile copies deploy/otel/tracing.properties, which is not in the build context",
                "stock-service: Dockerfile copies deploy/otel/dashboards.json, which is not in the build context");
    }

    @Test
    void reportsAnAddressThatNamesNoContainerOrTheWrongPort() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        environmentOf(compose, "order-service").put("BAZAAR_CATALOG_GRPC", "catalog:9091");
        environmentOf(compose, "api-gateway").put("BAZAAR_ORDER_URL", "http://order-service:8083");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "order-service: BAZAAR_CATALOG_GRPC=catalog:9091 names catalog, which is not a service of this file",
                "api-gateway: BAZAAR_ORDER_URL=http://order-service:8083 uses port 8083, but order-service serves [8082, 8182, 9092]");
    }

    @Test
    void reportsAnIssuerTheBrowserCannotReach() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        STANDARD_KEYS.keySet().forEach(name -> environmentOf(compose, name).put("BAZAAR_ISSUER_URL", "http://localhost:8084"));

        assertThat(check.problems(compose)).containsExactly(
                "BAZAAR_ISSUER_URL=http://localhost:8084 is not a port published to the host");
    }

    @Test
    void everyScalableServiceRunsAsReplicasOfOneDefinitionFoundByName() {
        Map<String, Object> services = ComposeFileCheck.map(ComposeFileCheck.load(COMPOSE_FILE).get("services"));

        SCALABLE.forEach(name -> assertThat(ComposeFileCheck.map(services.get(name))).as(name)
                .doesNotContainKeys("container_name", "ports")
                .containsEntry("stop_grace_period", "30s"));
        assertThat(ComposeFileCheck.environment(ComposeFileCheck.map(services.get("order-service"))))
                .containsEntry("BAZAAR_CATALOG_GRPC", "dns:///catalog-service:9091")
                .containsEntry("BAZAAR_IDENTITY_GRPC", "dns:///identity-service:9094");
    }

    @Test
    void reportsAScalableServiceWithANameAPortOrAnAddressOfItsOwn() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "catalog-service").put("container_name", "catalog");
        serviceOf(compose, "catalog-service").put("ports", List.of("127.0.0.1:18081:8081"));
        serviceOf(compose, "payment-service").put("networks", Map.of("default", Map.of("ipv4_address", "172.30.80.83")));

        assertThat(check.problems(compose)).contains(
                "catalog-service: container_name catalog: replicas of a scalable service cannot share one name",
                "catalog-service: publishes host port 18081: replicas of a scalable service cannot share one "
                        + "(only the gateway publishes a port)",
                "payment-service: fixed address 172.30.80.83 on network default: replicas of a scalable service "
                        + "cannot share one");
    }

    @Test
    void reportsAServiceThatIsNotGivenTheTimeAGracefulShutdownTakes() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "payment-service").remove("stop_grace_period");
        serviceOf(compose, "api-gateway").put("stop_grace_period", "10s");
        serviceOf(compose, "order-service").put("stop_grace_period", "1m30s");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "payment-service: no stop_grace_period (Docker's default, 10 s, cuts a graceful shutdown short): give 30s",
                "api-gateway: stop_grace_period 10s is shorter than the 30s a graceful shutdown may take");
    }

    @Test
    void reportsAGrpcTargetThatReachesOneReplicaOnly() {
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        environmentOf(compose, "order-service").put("BAZAAR_CATALOG_GRPC", "catalog-service:9091");
        environmentOf(compose, "order-service").put("BAZAAR_IDENTITY_GRPC", "dns:///identity-service:9093");

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "order-service: BAZAAR_CATALOG_GRPC=catalog-service:9091 is one address of scalable catalog-service: "
                        + "dns:///catalog-service:9091 finds every replica",
                "order-service: BAZAAR_IDENTITY_GRPC=dns:///identity-service:9093 uses port 9093, but identity-service "
                        + "serves [8084, 8184, 9094]");
    }

    @Test
    void reportsAPrometheusThatScrapesOneReplicaOrMissesAService(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                scrape_configs:
                  - job_name: bazaar
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["api-gateway:8180", "catalog-service:8181"]
                    dns_sd_configs:
                      - names: [identity-service]
                        type: A
                        port: 8184
                      - names: [order-service]
                        type: A
                        port: 8082
                      - names: [payment-service]
                        port: 8183
                """);
        Map<String, Object> compose = ComposeFileCheck.load(COMPOSE_FILE);
        serviceOf(compose, "prometheus").put("volumes", List.of(config + ":/etc/prometheus/prometheus.yml:ro"));

        assertThat(check.problems(compose)).containsExactlyInAnyOrder(
                "prometheus: scrapes catalog-service at a fixed target (static_configs), one replica only; "
                        + "dns_sd_configs (type A) finds them all",
                "prometheus: does not find every replica of catalog-service (dns_sd_configs: names [catalog-service], "
                        + "type A, port 8181)",
                "prometheus: does not find every replica of order-service (dns_sd_configs: names [order-service], "
                        + "type A, port 8182)",
                "prometheus: does not find every replica of payment-service (dns_sd_configs: names [payment-service], "
                        + "type A, port 8183)");
    }

    @Test
    void readsComposeDurations() {
        assertThat(ComposeFileCheck.duration("30s")).hasSeconds(30);
        assertThat(ComposeFileCheck.duration("1m30s")).hasSeconds(90);
        assertThat(ComposeFileCheck.duration("1.5m")).hasSeconds(90);
        assertThat(ComposeFileCheck.duration("30")).isNull();
        assertThat(ComposeFileCheck.duration("soon")).isNull();
    }

    @Test
    void derivesOnlyEnvironmentPlaceholdersWithoutDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("application.yml");
        Files.writeString(file, """
                a: ${REQUIRED_ONE}
                b: ${OPTIONAL:x}
                c: ${OPTIONAL_OUTER:${REQUIRED_INNER}}
                d: ${some.property}
                e: [ "${REQUIRED_IN_A_LIST}/path" ]
                """);

        assertThat(RequiredKeys.placeholdersWithoutDefault(file))
                .containsExactlyInAnyOrder("REQUIRED_ONE", "REQUIRED_INNER", "REQUIRED_IN_A_LIST");
    }

    // ---- helpers ----

    private static Map<String, Object> serviceOf(Map<String, Object> compose, String name) {
        return ComposeFileCheck.map(ComposeFileCheck.map(compose.get("services")).get(name));
    }

    private static Map<String, Object> environmentOf(Map<String, Object> compose, String name) {
        return ComposeFileCheck.map(serviceOf(compose, name).get("environment"));
    }

    private static Map<String, Object> buildArgsOf(Map<String, Object> compose, String name) {
        return ComposeFileCheck.map(ComposeFileCheck.map(serviceOf(compose, name).get("build")).get("args"));
    }

    /** A repository root with a reactor of one module and the given root Dockerfile. */
    private static void reactorWith(Path root, String module, String dockerfile) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project><modules><module>" + module + "</module></modules></project>");
        Files.writeString(root.resolve("mvnw"), "");
        Files.createDirectories(root.resolve(module));
        Files.writeString(root.resolve(module).resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("Dockerfile"), dockerfile);
    }

    /** A compose service that breaks no rule but its build's. */
    private static Map<String, Object> buildingService(Map<String, Object> build) {
        return Map.of("build", build, "environment", Map.of(), "mem_limit", "256m", "stop_grace_period", "30s",
                "healthcheck", Map.of("test", List.of("CMD", "true")));
    }
}
