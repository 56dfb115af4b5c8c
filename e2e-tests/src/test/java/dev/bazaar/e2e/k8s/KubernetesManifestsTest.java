package dev.bazaar.e2e.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.StandardEnvironment;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import dev.bazaar.defaults.ServiceDefaultsEnvironmentPostProcessor;
import dev.bazaar.e2e.deploy.ImageScheme;
import dev.bazaar.e2e.deploy.RequiredKeys;

/**
 * deploy/k8s, checked offline: there is no cluster here, so each overlay is rendered with
 * {@code kubectl kustomize} (the kustomize that {@code kubectl apply -k} runs), every object is read
 * strictly with fabric8's Kubernetes model ({@link StrictManifests}), and the rules of
 * {@link KubernetesManifestCheck} must hold. The second half breaks a copy of the rendered objects in
 * memory and proves each rule notices, naming the object.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("bazaar.root", "..")).toAbsolutePath().normalize();
    private static final Path OVERLAYS = ROOT.resolve("deploy/k8s/overlays");
    private static final RequiredKeys REQUIRED_KEYS = RequiredKeys.load(ROOT);
    private static final ImageScheme IMAGES = ImageScheme.of(ROOT);
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private static final String GATEWAY = "api-gateway";
    private static final List<String> BACKENDS = List.of("identity-service", "catalog-service", "order-service", "payment-service");
    private static final Map<String, Integer> HTTP_PORTS = Map.of(GATEWAY, 8080, "catalog-service", 8081, "order-service", 8082,
            "payment-service", 8083, "identity-service", 8084);
    /** Actuator's ports: metrics for Prometheus, and the probes */
    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of(GATEWAY, 8180, "catalog-service", 8181,
            "order-service", 8182, "payment-service", 8183, "identity-service", 8184);

    // peers outside the namespace, as NetworkPaths names them
    private static final String INGRESS_CONTROLLER = "ingress-nginx/app.kubernetes.io/name=ingress-nginx";
    private static final String PROMETHEUS = "monitoring/app.kubernetes.io/name=prometheus";
    private static final String DNS = "kube-system/k8s-app=kube-dns";

    /**
     * Where an overlay's infrastructure is, as its NetworkPolicies name it.
     *
     * @param ownPods the workloads the overlay runs besides Bazaar's (each may ask DNS, nothing else)
     */
    record Infrastructure(String postgres, String rabbitmq, String redis, String collector, Set<String> ownPods) {
    }

    private static final Infrastructure DEV = new Infrastructure("postgres", "rabbitmq", "redis", "jaeger",
            Set.of("postgres", "rabbitmq", "redis", "jaeger"));
    /** the operators' namespaces of overlays/ha/network/allow-infrastructure.yaml */
    private static final Infrastructure HA = new Infrastructure("databases/cnpg.io/cluster=bazaar-postgres",
            "messaging/app.kubernetes.io/name=bazaar-rabbitmq", "cache/app.kubernetes.io/name=redis",
            "observability/app.kubernetes.io/component=opentelemetry-collector", Set.of());

    private static final KubernetesManifestCheck.HighAvailability HIGH_AVAILABILITY = new KubernetesManifestCheck.HighAvailability(
            2, Set.of(GATEWAY, "catalog-service", "order-service", "payment-service"));

    // ---- the real overlays ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "ha"})
    void overlayRendersAndEveryObjectParsesStrictly(String overlay) {
        List<HasMetadata> objects = objects(overlay);

        assertThat(objects).extracting(StrictManifests::nameOf).contains(
                "Deployment/api-gateway", "Deployment/identity-service", "Deployment/catalog-service",
                "Deployment/order-service", "Deployment/payment-service", "Ingress/api-gateway", "NetworkPolicy/default-deny");
    }

    @Test
    void devOverlayBreaksNoRule() {
        assertThat(devCheck().problems(objects("dev"))).isEmpty();
    }

    @Test
    void haOverlayBreaksNoRule() {
        assertThat(haCheck().problems(objects("ha"))).isEmpty();
    }

    @Test
    void devRunsTheInfrastructureInTheClusterWithVolumesWhereItKeepsData() {
        List<HasMetadata> objects = objects("dev");

        assertThat(all(objects, StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("postgres", "rabbitmq", "redis")
                .allSatisfy(name -> assertThat(named(objects, StatefulSet.class, name).getSpec().getVolumeClaimTemplates())
                        .as(name).isNotEmpty());
        assertThat(named(objects, Deployment.class, "jaeger")).isNotNull();
        assertThat(all(objects, Deployment.class)).filteredOn(d -> HTTP_PORTS.containsKey(d.getMetadata().getName()))
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).as(d.getMetadata().getName()).isEqualTo(1));
    }

    @Test
    void haRunsTwoOfEverythingAutoscalesWhereLoadArrivesAndRendersNoSecret() {
        List<HasMetadata> objects = objects("ha");

        assertThat(all(objects, Deployment.class)).hasSize(5)
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas()).as(d.getMetadata().getName()).isGreaterThanOrEqualTo(2));
        assertThat(all(objects, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder(GATEWAY, "catalog-service", "order-service", "payment-service");
        assertThat(all(objects, PodDisruptionBudget.class)).hasSize(5);
        assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
        assertThat(rendered("ha")).doesNotContain("password=", "dev-", "Dev-");
    }

    @Test
    void devCopiesComposesDatabaseSetupAndBrokerSettingsUnchanged() throws IOException {
        // kustomize reads no file outside an overlay's folder, so dev keeps copies of these
        assertThat(OVERLAYS.resolve("dev/postgres/init.sql")).hasSameTextualContentAs(ROOT.resolve("deploy/postgres/init.sql"));
        assertThat(OVERLAYS.resolve("dev/rabbitmq/20-bazaar.conf"))
                .hasSameTextualContentAs(ROOT.resolve("deploy/rabbitmq/20-bazaar.conf"));
    }

    @Test
    void readmeNamesEverySecretAndKeyTheHaOverlayReads() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> read = new TreeSet<>();
        for (Deployment deployment : all(objects("ha"), Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        read.add("`" + variable.getValueFrom().getSecretKeyRef().getName() + "` | `"
                                + variable.getValueFrom().getSecretKeyRef().getKey() + "`");
                    }
                }
            }
        }

        assertThat(read).isNotEmpty().allSatisfy(pair -> assertThat(readme).as("README's table of Secrets").contains(pair));
        assertThat(readme).contains("`bazaar-tls` | `tls.crt`");
    }

    // ---- strict parsing ----

    @Test
    void refusesAnUnknownFieldNamingTheObjectAndThePath() {
        String typo = rendered("ha").replaceFirst("readinessProbe:", "readinesProbe:");

        assertThatThrownBy(() -> StrictManifests.parse(typo)).isInstanceOfSatisfying(StrictManifests.InvalidManifest.class,
                e -> assertThat(e.problems()).containsExactly(
                        "Deployment/api-gateway: unknown field spec.template.spec.containers[0].readinesProbe"));
    }

    @Test
    void refusesAValueOfTheWrongTypeAndAKindTheModelDoesNotKnow() {
        String wrongType = rendered("ha").replaceFirst("(?m)^  replicas: 2$", "  replicas: two");
        String unknownKind = rendered("ha") + "---\napiVersion: bazaar.dev/v1\nkind: Shop\nmetadata:\n  name: mine\n";

        assertThatThrownBy(() -> StrictManifests.parse(wrongType)).isInstanceOfSatisfying(StrictManifests.InvalidManifest.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("Deployment/api-gateway: does not parse"));
        assertThatThrownBy(() -> StrictManifests.parse(unknownKind)).isInstanceOfSatisfying(StrictManifests.InvalidManifest.class,
                e -> assertThat(e.problems()).containsExactly(
                        "Shop/mine: not a kind the Kubernetes model knows (apiVersion and kind)"));
    }

    // ---- broken copies: each rule notices ----

    @Test
    void reportsASelectorThatMissesItsPods() {
        List<HasMetadata> objects = objects("ha");
        deployment(objects, "catalog-service").getSpec().getTemplate().getMetadata().getLabels()
                .put("app.kubernetes.io/name", "catalog");
        named(objects, PodDisruptionBudget.class, "order-service").getSpec().getSelector().getMatchLabels()
                .put("app.kubernetes.io/name", "orders");

        assertThat(haCheck().problems(objects)).contains(
                "Deployment/catalog-service: its selector {app.kubernetes.io/name=catalog-service} does not match its pod "
                        + "labels {app.kubernetes.io/name=catalog, app.kubernetes.io/part-of=bazaar}",
                "Service/catalog-service: its selector {app.kubernetes.io/name=catalog-service} matches the pods of no workload",
                "NetworkPolicy/catalog-service: its podSelector {app.kubernetes.io/name=catalog-service} matches the pods of "
                        + "no workload",
                "PodDisruptionBudget/order-service: its selector {app.kubernetes.io/name=orders} matches the pods of no workload");
    }

    @Test
    void reportsAServiceTargetPortNoContainerDeclares() {
        List<HasMetadata> objects = objects("dev");
        named(objects, Service.class, "order-service").getSpec().getPorts().getFirst().setTargetPort(new IntOrString("web"));
        named(objects, Service.class, "postgres").getSpec().getPorts().getFirst().setTargetPort(new IntOrString(5433));

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "Service/order-service: port http targets web, which no container of Deployment/order-service declares",
                "Service/postgres: port postgres targets 5433, which no container of StatefulSet/postgres declares");
    }

    @Test
    void reportsAnAutoscalerOrBudgetWhoseTargetIsNotRendered() {
        List<HasMetadata> objects = objects("ha");
        named(objects, HorizontalPodAutoscaler.class, "payment-service").getSpec().getScaleTargetRef().setName("payments");
        named(objects, PodDisruptionBudget.class, "identity-service").getSpec().getSelector().getMatchLabels()
                .put("app.kubernetes.io/name", "identity");

        assertThat(haCheck().problems(objects)).containsExactlyInAnyOrder(
                "HorizontalPodAutoscaler/payment-service: scales apps/v1 Deployment/payments, which is not rendered here",
                "Deployment/payment-service: no HorizontalPodAutoscaler scales it",
                "PodDisruptionBudget/identity-service: its selector {app.kubernetes.io/name=identity} matches the pods of no "
                        + "workload",
                "Deployment/identity-service: no PodDisruptionBudget covers its pods");
    }

    @Test
    void reportsARequiredKeyThatIsMissingEmptyOrReadFromNothing() {
        List<HasMetadata> objects = objects("dev");
        env(deployment(objects, "order-service")).removeIf(v -> v.getName().equals("BAZAAR_CATALOG_GRPC"));
        env(deployment(objects, "payment-service")).stream().filter(v -> v.getName().equals("OTEL_SERVICE_NAME"))
                .forEach(v -> v.setValue(""));
        env(deployment(objects, "catalog-service")).stream().filter(v -> v.getName().equals("SPRING_DATASOURCE_PASSWORD"))
                .forEach(v -> v.getValueFrom().getSecretKeyRef().setKey("passwd"));

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/order-service container order-service: environment lacks BAZAAR_CATALOG_GRPC (required by "
                        + "deploy/required-keys.yml)",
                "Deployment/payment-service container payment-service: OTEL_SERVICE_NAME has no value (required by "
                        + "deploy/required-keys.yml)",
                "Deployment/catalog-service container catalog-service: SPRING_DATASOURCE_PASSWORD reads key passwd of "
                        + "Secret/" + secretName(objects, "catalog-db") + ", which is not rendered here");
    }

    @Test
    void reportsAKeyOnlyTheDevProfileDefaultsThatAnotherProfileLacks() {
        List<HasMetadata> objects = objects("ha");
        env(deployment(objects, "identity-service")).removeIf(v -> v.getName().equals("BAZAAR_IDENTITY_KEY_ENCRYPTION_SECRET"));
        env(deployment(objects, "catalog-service")).removeIf(v -> v.getName().equals("SPRING_RABBITMQ_PASSWORD"));

        assertThat(haCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/identity-service container identity-service: environment lacks BAZAAR_IDENTITY_KEY_ENCRYPTION_SECRET "
                        + "(required by deploy/required-keys.yml (outside the dev profile))",
                "Deployment/catalog-service container catalog-service: environment lacks SPRING_RABBITMQ_PASSWORD "
                        + "(required by deploy/required-keys.yml (outside the dev profile))");
    }

    @Test
    void reportsAPortKeyThatIsNotTheDeclaredContainerPort() {
        List<HasMetadata> objects = objects("ha");
        env(deployment(objects, "payment-service")).stream().filter(v -> v.getName().equals("MANAGEMENT_SERVER_PORT"))
                .forEach(v -> v.setValue("9183"));

        assertThat(haCheck().problems(objects)).containsExactly(
                "Deployment/payment-service container payment-service: MANAGEMENT_SERVER_PORT=9183 is not its container port "
                        + "named management (8183)");
    }

    @Test
    void reportsAMissingProbeOrOneThatAsksTheWrongPortOrGroup() {
        List<HasMetadata> objects = objects("dev");
        container(deployment(objects, "payment-service")).setReadinessProbe(null);
        container(deployment(objects, "order-service")).getLivenessProbe().getHttpGet().setPort(new IntOrString("http"));
        container(deployment(objects, "identity-service")).getStartupProbe().getHttpGet().setPath("/actuator/health");
        container(named(objects, StatefulSet.class, "redis")).setStartupProbe(null);

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/payment-service container payment-service: no readinessProbe",
                "Deployment/order-service container order-service: livenessProbe does not ask /actuator/health/liveness on "
                        + "the management port",
                "Deployment/identity-service container identity-service: startupProbe does not ask /actuator/health/liveness "
                        + "on the management port",
                "StatefulSet/redis container redis: no startupProbe");
    }

    @Test
    void reportsAContainerWithoutRequestsOrLimits() {
        List<HasMetadata> objects = objects("dev");
        container(deployment(objects, "identity-service")).getResources().getLimits().remove("memory");
        container(deployment(objects, GATEWAY)).getResources().getRequests().put("cpu", new Quantity("4"));
        container(named(objects, Deployment.class, "jaeger")).getResources().setRequests(null);

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/identity-service container identity-service: has no memory limit",
                "Deployment/api-gateway container api-gateway: requests more cpu (4) than its limit (2)",
                "Deployment/jaeger container jaeger: requests no cpu",
                "Deployment/jaeger container jaeger: requests no memory");
    }

    @Test
    void reportsASecurityContextThatIsNotRestricted() {
        List<HasMetadata> objects = objects("dev");
        container(deployment(objects, GATEWAY)).getSecurityContext().setRunAsNonRoot(false);
        container(named(objects, StatefulSet.class, "postgres")).getSecurityContext().setReadOnlyRootFilesystem(null);
        container(deployment(objects, "catalog-service")).getSecurityContext().setAllowPrivilegeEscalation(true);
        container(deployment(objects, "order-service")).getSecurityContext().getCapabilities().setDrop(List.of("NET_RAW"));
        deployment(objects, "payment-service").getSpec().getTemplate().getSpec().getSecurityContext().setSeccompProfile(null);
        container(deployment(objects, "identity-service")).getVolumeMounts().removeIf(m -> m.getMountPath().equals("/tmp"));

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/api-gateway container api-gateway: may run as root (runAsNonRoot: true)",
                "StatefulSet/postgres container postgres: its root filesystem is writable (readOnlyRootFilesystem: true)",
                "Deployment/catalog-service container catalog-service: may escalate privileges (allowPrivilegeEscalation: false)",
                "Deployment/order-service container order-service: keeps Linux capabilities (capabilities: drop: [ALL])",
                "Deployment/payment-service container payment-service: has no seccomp profile (seccompProfile: RuntimeDefault)",
                "Deployment/identity-service container identity-service: has no emptyDir at /tmp, where the read-only root "
                        + "filesystem lets nothing be written");
    }

    @Test
    void reportsAWorkloadWithoutItsOwnTokenlessServiceAccount() {
        List<HasMetadata> objects = objects("ha");
        deployment(objects, "catalog-service").getSpec().getTemplate().getSpec().setServiceAccountName("default");
        deployment(objects, "order-service").getSpec().getTemplate().getSpec().setAutomountServiceAccountToken(null);
        named(objects, ServiceAccount.class, "payment-service").setAutomountServiceAccountToken(true);

        assertThat(haCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/catalog-service: runs as ServiceAccount default, not its own catalog-service",
                "Deployment/order-service: its pods mount an API token (automountServiceAccountToken: false)",
                "ServiceAccount/payment-service: mounts an API token (automountServiceAccountToken: false)");
    }

    @Test
    void reportsAnImageThatIsNotPinned() {
        List<HasMetadata> objects = objects("dev");
        container(deployment(objects, "catalog-service")).setImage("bazaar/catalog-service:latest");
        container(deployment(objects, "order-service")).setImage("bazaar/order-service:dev");
        container(deployment(objects, "payment-service")).setImage("registry.example.com:5000/shop/bazaar/payment-service:"
                + IMAGES.version());
        container(named(objects, StatefulSet.class, "postgres")).setImage("postgres");
        container(named(objects, StatefulSet.class, "redis")).setImage("redis:latest");

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/catalog-service container catalog-service: image bazaar/catalog-service:latest is not "
                        + IMAGES.imageOf("catalog-service") + " (bazaar/<service>:<the root pom's version>)",
                "Deployment/order-service container order-service: image bazaar/order-service:dev is not "
                        + IMAGES.imageOf("order-service") + " (bazaar/<service>:<the root pom's version>)",
                "StatefulSet/postgres container postgres: image postgres is not pinned to a version",
                "StatefulSet/redis container redis: image redis:latest is not pinned to a version");
    }

    @Test
    void reportsAGracePeriodShorterThanThePauseAndTheDrain() {
        List<HasMetadata> objects = objects("ha");
        deployment(objects, "order-service").getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(30L);
        container(deployment(objects, "payment-service")).getLifecycle().setPreStop(null);

        assertThat(haCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/order-service: terminationGracePeriodSeconds 30 is not longer than the 30 s of its preStop pause "
                        + "and graceful shutdown",
                "Deployment/payment-service container payment-service: no preStop pause, so requests still routed to it meet "
                        + "a closing server");
    }

    @Test
    void reportsAServiceOpenedToTheOutsideAndAnIssuerThatIsNotTheIngressHost() {
        List<HasMetadata> objects = objects("ha");
        named(objects, Service.class, "catalog-service").getSpec().setType("LoadBalancer");
        var ingress = named(objects, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, GATEWAY);
        ingress.getSpec().getRules().getFirst().setHost("shop.example.org");
        ingress.getSpec().getTls().getFirst().setHosts(List.of("shop.example.org"));
        ingress.getSpec().getRules().getFirst().getHttp().getPaths().getFirst().getBackend().getService().setName("order-service");

        assertThat(haCheck().problems(objects)).contains(
                "Service/catalog-service: type LoadBalancer reaches outside the cluster (only the gateway's Ingress may)",
                "Ingress/api-gateway: sends traffic to Service/order-service; only the gateway is reachable from outside",
                "Deployment/catalog-service: BAZAAR_ISSUER_URL=https://shop.example.com is not https://<the Ingress's host> "
                        + "[shop.example.org], the URL shoppers' browsers use");
    }

    @Test
    void reportsAHostServedWithoutTls() {
        List<HasMetadata> objects = objects("dev");
        named(objects, io.fabric8.kubernetes.api.model.networking.v1.Ingress.class, GATEWAY).getSpec().setTls(null);

        assertThat(devCheck().problems(objects)).containsExactly(
                "Ingress/api-gateway: host bazaar.localhost is served without TLS (spec.tls with a secretName)");
    }

    @Test
    void reportsAConnectionThePoliciesAllowBeyondTheExpectedOnes() {
        List<HasMetadata> objects = objects("dev");
        // catalog reaching Redis: out of catalog, and into Redis
        named(objects, NetworkPolicy.class, "catalog-service").getSpec().getEgress().add(new NetworkPolicyEgressRuleBuilder()
                .addNewTo().withNewPodSelector().addToMatchLabels("app.kubernetes.io/name", "redis").endPodSelector().endTo()
                .addNewPort().withPort(new IntOrString(6379)).endPort().build());
        named(objects, NetworkPolicy.class, "redis").getSpec().getIngress().getFirst().getFrom().getFirst().getPodSelector()
                .setMatchLabels(null);

        assertThat(devCheck().problems(objects)).contains(
                "NetworkPolicy/catalog-service, NetworkPolicy/redis: allows catalog-service -> redis 6379/TCP, which is not "
                        + "an expected path");
    }

    @Test
    void reportsAnExpectedConnectionNoPolicyAllowsAndAOneSidedRule() {
        List<HasMetadata> objects = objects("dev");
        named(objects, NetworkPolicy.class, GATEWAY).getSpec().getEgress()
                .removeIf(rule -> rule.getPorts().getFirst().getPort().getIntVal() == 8083);

        assertThat(devCheck().problems(objects)).containsExactlyInAnyOrder(
                "NetworkPolicy/payment-service: lets api-gateway -> payment-service 8083/TCP in, but no NetworkPolicy lets it "
                        + "out of api-gateway",
                "NetworkPolicy: none allows api-gateway -> payment-service 8083/TCP");
    }

    @Test
    void reportsNamespaceWithoutDefaultDeny() {
        List<HasMetadata> objects = objects("ha");
        objects.removeIf(o -> o.getMetadata().getName().equals("default-deny"));

        assertThat(haCheck().problems(objects)).contains(
                "NetworkPolicy: none denies by default (podSelector: {}, policyTypes Ingress and Egress, no rules)");
    }

    @Test
    void reportsTooFewReplicasNoSpreadNoBudgetAndARenderedSecret() {
        List<HasMetadata> objects = objects("ha");
        deployment(objects, GATEWAY).getSpec().setReplicas(1);
        deployment(objects, "identity-service").getSpec().getTemplate().getSpec().setTopologySpreadConstraints(null);
        named(objects, HorizontalPodAutoscaler.class, "order-service").getSpec().setMinReplicas(1);
        objects.removeIf(o -> o instanceof PodDisruptionBudget && o.getMetadata().getName().equals("catalog-service"));
        objects.add(new SecretBuilder().withNewMetadata().withName("catalog-db").endMetadata()
                .addToStringData("password", "catalog").build());

        assertThat(haCheck().problems(objects)).containsExactlyInAnyOrder(
                "Deployment/api-gateway: 1 replica(s), fewer than 2",
                "Deployment/identity-service: its replicas are not spread across nodes (topologySpreadConstraints on "
                        + "kubernetes.io/hostname)",
                "HorizontalPodAutoscaler/order-service: may scale down to 1, fewer than 2",
                "Deployment/catalog-service: no PodDisruptionBudget covers its pods",
                "Secret/catalog-db: rendered, with its values; this overlay reads only Secrets the operator creates");
    }

    @Test
    void readsEachServicesShutdownPhaseFromItsConfiguration() {
        assertThat(shutdownPhases()).containsEntry(GATEWAY, Duration.ofSeconds(20)).containsEntry("catalog-service",
                Duration.ofSeconds(20)).hasSize(5);
    }

    // ---- the rules as configured for each overlay ----

    private static KubernetesManifestCheck devCheck() {
        return new KubernetesManifestCheck(REQUIRED_KEYS, IMAGES, shutdownPhases(), expectedPaths(DEV), null);
    }

    private static KubernetesManifestCheck haCheck() {
        return new KubernetesManifestCheck(REQUIRED_KEYS, IMAGES, shutdownPhases(), expectedPaths(HA), HIGH_AVAILABILITY);
    }

    /**
     * The connections DESIGN.md draws, and DNS: the Ingress controller to the gateway; the gateway to
     * every service's HTTP port and to Redis; every service to identity's HTTP port (JWKS; order's
     * service token too); order to catalog's and identity's gRPC; every service but the gateway to
     * Postgres and RabbitMQ; every service to the trace collector; Prometheus to every management port.
     */
    static Set<NetworkPaths.Path> expectedPaths(Infrastructure infrastructure) {
        Set<NetworkPaths.Path> paths = new HashSet<>();
        paths.add(tcp(INGRESS_CONTROLLER, GATEWAY, 8080));
        BACKENDS.forEach(service -> paths.add(tcp(GATEWAY, service, HTTP_PORTS.get(service))));
        List.of("catalog-service", "order-service", "payment-service")
                .forEach(service -> paths.add(tcp(service, "identity-service", 8084)));
        paths.add(tcp("order-service", "catalog-service", 9091));
        paths.add(tcp("order-service", "identity-service", 9094));
        BACKENDS.forEach(service -> {
            paths.add(tcp(service, infrastructure.postgres(), 5432));
            paths.add(tcp(service, infrastructure.rabbitmq(), 5672));
        });
        paths.add(tcp(GATEWAY, infrastructure.redis(), 6379));
        MANAGEMENT_PORTS.forEach((service, port) -> {
            paths.add(tcp(service, infrastructure.collector(), 4317));
            paths.add(tcp(service, infrastructure.collector(), 4318));
            paths.add(tcp(PROMETHEUS, service, port));
        });
        Set<String> everyPod = new TreeSet<>(HTTP_PORTS.keySet());
        everyPod.addAll(infrastructure.ownPods());
        everyPod.forEach(pod -> {
            paths.add(new NetworkPaths.Path(pod, DNS, "53/UDP"));
            paths.add(new NetworkPaths.Path(pod, DNS, "53/TCP"));
        });
        return Set.copyOf(paths);
    }

    private static NetworkPaths.Path tcp(String from, String to, int port) {
        return new NetworkPaths.Path(from, to, port + "/TCP");
    }

    /** spring.lifecycle.timeout-per-shutdown-phase: the service's own application.yml, else service-defaults' default. */
    static Map<String, Duration> shutdownPhases() {
        StandardEnvironment defaults = new StandardEnvironment();
        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(defaults, new SpringApplication());
        String fallback = defaults.getProperty("spring.lifecycle.timeout-per-shutdown-phase");
        Map<String, Duration> phases = new LinkedHashMap<>();
        for (String service : REQUIRED_KEYS.services()) {
            Object own = property(ROOT.resolve(service).resolve("src/main/resources/application.yml"),
                    "spring", "lifecycle", "timeout-per-shutdown-phase");
            phases.put(service, DurationStyle.detectAndParse(own != null ? String.valueOf(own) : fallback));
        }
        return phases;
    }

    private static Object property(Path yaml, String... path) {
        Object node;
        try {
            node = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(yaml));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (String key : path) {
            node = node instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return node;
    }

    // ---- rendering ----

    /** A fresh copy of the overlay's objects, for a test to break. */
    private static List<HasMetadata> objects(String overlay) {
        return new ArrayList<>(StrictManifests.parse(rendered(overlay)));
    }

    /** {@code kubectl kustomize deploy/k8s/overlays/<overlay>}, once per overlay. */
    private static String rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::render);
    }

    private static String render(String overlay) {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", OVERLAYS.resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            String missing = "kubectl is not on the PATH, so deploy/k8s cannot be rendered: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing + " (install kubectl to run these checks; under CI=true they fail instead)");
            throw new IllegalStateException(e);
        }
        try {
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("kubectl kustomize " + overlay + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("kubectl kustomize " + overlay, e);
        }
    }

    // ---- finding objects in a copy ----

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String name) {
        return all(objects, kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(kind.getSimpleName() + "/" + name + " is not rendered"));
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return named(objects, Deployment.class, name);
    }

    private static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static Container container(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static List<EnvVar> env(Deployment deployment) {
        return container(deployment).getEnv();
    }

    /** A generated Secret's name, with the hash kustomize appends. */
    private static String secretName(List<HasMetadata> objects, String prefix) {
        return objects.stream().filter(o -> o.getKind().equals("Secret") && o.getMetadata().getName().startsWith(prefix + "-"))
                .map(o -> o.getMetadata().getName()).findFirst().orElseThrow();
    }
}
