package dev.bazaar.e2e.k8s;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import dev.bazaar.e2e.deploy.ImageScheme;
import dev.bazaar.e2e.deploy.RequiredKeys;

/**
 * What Bazaar's Kubernetes manifests must get right, checked on the objects an overlay renders:
 * no cluster needed. Each rule adds a sentence naming the object ({@code Deployment/catalog-service})
 * to {@link #problems}; an empty list means the overlay is fine.
 *
 * <p>A Bazaar workload is the Deployment named after a service of {@link RequiredKeys}, its
 * container named alike; every other workload (the dev overlay's Postgres, RabbitMQ, Redis and Jaeger)
 * is held to the rules every container keeps: probes, resources, the security context, a pinned image,
 * its own ServiceAccount.
 *
 * @param requiredKeys     the keys each service must be given, as in docker-compose.yml
 * @param images           how Bazaar's images are named and tagged
 * @param shutdownPhases   per service, how long Spring's graceful shutdown may take
 *                         (spring.lifecycle.timeout-per-shutdown-phase)
 * @param expectedPaths    every connection the NetworkPolicies must allow, and no other
 * @param highAvailability the ha overlay's rules; null for an overlay that runs one of each and
 *                         renders its own Secrets (dev)
 */
record KubernetesManifestCheck(RequiredKeys requiredKeys, ImageScheme images, Map<String, Duration> shutdownPhases,
        Set<NetworkPaths.Path> expectedPaths, HighAvailability highAvailability) {

    /**
     * @param minReplicas the fewest replicas of any service, and the least an autoscaler may go to
     * @param autoscaled  the services with a CPU HorizontalPodAutoscaler
     */
    record HighAvailability(int minReplicas, Set<String> autoscaled) {
    }

    static final String GATEWAY = "api-gateway";
    private static final String LIVENESS_PATH = "/actuator/health/liveness";
    private static final String READINESS_PATH = "/actuator/health/readiness";
    private static final String ISSUER_KEY = "BAZAAR_ISSUER_URL";
    /** the env keys of a Bazaar service's ports, each with the name its container port must have */
    private static final Map<String, String> PORT_KEYS = Map.of(
            "SERVER_PORT", "http", "MANAGEMENT_SERVER_PORT", "management", "SPRING_GRPC_SERVER_PORT", "grpc");

    List<String> problems(List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        Manifests manifests = new Manifests(objects);
        for (String service : requiredKeys.services()) {
            if (manifests.workload(service).isEmpty()) {
                problems.add("Deployment/" + service + ": missing");
            }
        }
        checkSelectors(manifests, problems);
        checkServiceTargetPorts(manifests, problems);
        checkAutoscalersAndBudgetsTargetWorkloads(manifests, problems);
        for (Workload workload : manifests.workloads()) {
            checkServiceAccount(workload, manifests, problems);
            checkSecurityContext(workload, problems);
            checkResources(workload, problems);
            checkProbes(workload, problems);
            checkImage(workload, problems);
            if (isBazaar(workload)) {
                checkRequiredKeys(workload, manifests, problems);
                checkPorts(workload, manifests, problems);
                checkGracefulShutdown(workload, problems);
            }
        }
        checkExposure(manifests, problems);
        checkNetworkPolicies(objects, problems);
        if (highAvailability != null) {
            checkHighAvailability(manifests, problems);
        }
        return problems;
    }

    // ---- the rules ----

    /** A selector that picks no pod (or not its own) leaves a workload, Service or policy doing nothing. */
    private static void checkSelectors(Manifests manifests, List<String> problems) {
        for (Workload workload : manifests.workloads()) {
            if (!workload.isSelectedBy(workload.selector())) {
                problems.add(workload.id() + ": its selector " + describe(workload.selector())
                        + " does not match its pod labels " + workload.podLabels());
            }
            for (TopologySpreadConstraint spread : nullToEmpty(workload.pod().getTopologySpreadConstraints())) {
                if (!workload.isSelectedBy(spread.getLabelSelector())) {
                    problems.add(workload.id() + ": topology spread on " + spread.getTopologyKey() + " counts pods "
                            + describe(spread.getLabelSelector()) + ", not its own " + workload.podLabels());
                }
            }
        }
        for (Service service : manifests.all(Service.class)) {
            if (manifests.selectedBy(service).isEmpty()) {
                problems.add(StrictManifests.nameOf(service) + ": its selector " + service.getSpec().getSelector()
                        + " matches the pods of no workload");
            }
        }
        for (NetworkPolicy policy : manifests.all(NetworkPolicy.class)) {
            if (manifests.workloads().stream().noneMatch(w -> w.isSelectedBy(policy.getSpec().getPodSelector()))) {
                problems.add(StrictManifests.nameOf(policy) + ": its podSelector "
                        + describe(policy.getSpec().getPodSelector()) + " matches the pods of no workload");
            }
        }
    }

    /** A Service sends traffic to a port each pod it selects declares, by name or number. */
    private static void checkServiceTargetPorts(Manifests manifests, List<String> problems) {
        for (Service service : manifests.all(Service.class)) {
            for (ServicePort port : nullToEmpty(service.getSpec().getPorts())) {
                IntOrString target = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
                for (Workload workload : manifests.selectedBy(service)) {
                    if (containerPort(workload, target).isEmpty()) {
                        problems.add(StrictManifests.nameOf(service) + ": port " + port.getName() + " targets "
                                + text(target) + ", which no container of " + workload.id() + " declares");
                    }
                }
            }
        }
    }

    /** An autoscaler or budget whose target is not rendered here guards nothing. */
    private static void checkAutoscalersAndBudgetsTargetWorkloads(Manifests manifests, List<String> problems) {
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            boolean found = manifests.workloads().stream().anyMatch(w -> w.kind().equals(target.getKind())
                    && w.name().equals(target.getName()) && "apps/v1".equals(target.getApiVersion()));
            if (!found) {
                problems.add(StrictManifests.nameOf(hpa) + ": scales " + target.getApiVersion() + " " + target.getKind()
                        + "/" + target.getName() + ", which is not rendered here");
            }
        }
        for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
            if (manifests.workloads().stream().noneMatch(w -> w.isSelectedBy(pdb.getSpec().getSelector()))) {
                problems.add(StrictManifests.nameOf(pdb) + ": its selector " + describe(pdb.getSpec().getSelector())
                        + " matches the pods of no workload");
            }
        }
    }

    /** Its own ServiceAccount, rendered here, and no API token in the pod: none of them calls the API server. */
    private static void checkServiceAccount(Workload workload, Manifests manifests, List<String> problems) {
        String account = workload.pod().getServiceAccountName();
        if (!workload.name().equals(account)) {
            problems.add(workload.id() + ": runs as ServiceAccount " + account + ", not its own " + workload.name());
        } else {
            Optional<ServiceAccount> rendered = manifests.named(ServiceAccount.class, account);
            if (rendered.isEmpty()) {
                problems.add(workload.id() + ": its ServiceAccount/" + account + " is not rendered here");
            } else if (!Boolean.FALSE.equals(rendered.get().getAutomountServiceAccountToken())) {
                problems.add("ServiceAccount/" + account + ": mounts an API token (automountServiceAccountToken: false)");
            }
        }
        if (!Boolean.FALSE.equals(workload.pod().getAutomountServiceAccountToken())) {
            problems.add(workload.id() + ": its pods mount an API token (automountServiceAccountToken: false)");
        }
    }

    /** Pod Security's restricted profile, and a writable /tmp beside the read-only root filesystem. */
    private static void checkSecurityContext(Workload workload, List<String> problems) {
        PodSecurityContext pod = workload.pod().getSecurityContext();
        for (Container container : workload.containers()) {
            String id = workload.id() + " container " + container.getName();
            SecurityContext own = container.getSecurityContext();
            Boolean nonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot()
                    : pod == null ? null : pod.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(nonRoot)) {
                problems.add(id + ": may run as root (runAsNonRoot: true)");
            }
            if (own == null || !Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
                problems.add(id + ": its root filesystem is writable (readOnlyRootFilesystem: true)");
            }
            if (own == null || !Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
                problems.add(id + ": may escalate privileges (allowPrivilegeEscalation: false)");
            }
            Capabilities capabilities = own == null ? null : own.getCapabilities();
            if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                problems.add(id + ": keeps Linux capabilities (capabilities: drop: [ALL])");
            }
            if (capabilities != null && capabilities.getAdd() != null && !capabilities.getAdd().isEmpty()) {
                problems.add(id + ": adds capabilities " + capabilities.getAdd());
            }
            String seccomp = own != null && own.getSeccompProfile() != null ? own.getSeccompProfile().getType()
                    : pod != null && pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                problems.add(id + ": has no seccomp profile (seccompProfile: RuntimeDefault)");
            }
            boolean tmp = nullToEmpty(container.getVolumeMounts()).stream().anyMatch(mount -> "/tmp".equals(mount.getMountPath())
                    && nullToEmpty(workload.pod().getVolumes()).stream()
                            .anyMatch(v -> v.getName().equals(mount.getName()) && v.getEmptyDir() != null));
            if (!tmp) {
                problems.add(id + ": has no emptyDir at /tmp, where the read-only root filesystem lets nothing be written");
            }
        }
    }

    /** Requests to schedule by and limits to be held to, for CPU and memory, the request within the limit. */
    private static void checkResources(Workload workload, List<String> problems) {
        for (Container container : workload.containers()) {
            String id = workload.id() + " container " + container.getName();
            var resources = container.getResources();
            Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
            Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (!requests.containsKey(resource)) {
                    problems.add(id + ": requests no " + resource);
                }
                if (!limits.containsKey(resource)) {
                    problems.add(id + ": has no " + resource + " limit");
                }
                if (requests.containsKey(resource) && limits.containsKey(resource)
                        && requests.get(resource).getNumericalAmount().compareTo(limits.get(resource).getNumericalAmount()) > 0) {
                    problems.add(id + ": requests more " + resource + " (" + requests.get(resource) + ") than its limit ("
                            + limits.get(resource) + ")");
                }
            }
        }
    }

    /**
     * Startup, liveness and readiness on every container; a Bazaar service's on Actuator's groups on
     * its management port (the application port serves them too, but the gateway alone reaches that).
     */
    private void checkProbes(Workload workload, List<String> problems) {
        for (Container container : workload.containers()) {
            String id = workload.id() + " container " + container.getName();
            Map<String, Probe> probes = new LinkedHashMap<>();
            probes.put("startupProbe", container.getStartupProbe());
            probes.put("livenessProbe", container.getLivenessProbe());
            probes.put("readinessProbe", container.getReadinessProbe());
            probes.forEach((kind, probe) -> {
                if (probe == null) {
                    problems.add(id + ": no " + kind);
                    return;
                }
                if (!isBazaar(workload)) {
                    return;
                }
                String path = kind.equals("readinessProbe") ? READINESS_PATH : LIVENESS_PATH;
                HTTPGetAction get = probe.getHttpGet();
                Optional<ContainerPort> port = get == null ? Optional.empty() : containerPort(workload, get.getPort());
                if (get == null || !path.equals(get.getPath()) || port.isEmpty() || !"management".equals(port.get().getName())) {
                    problems.add(id + ": " + kind + " does not ask " + path + " on the management port");
                }
            });
        }
    }

    /** Bazaar's images by the scheme; anyone else's by a tag or digest of its own, never latest. */
    private void checkImage(Workload workload, List<String> problems) {
        for (Container container : workload.containers()) {
            String image = container.getImage();
            String id = workload.id() + " container " + container.getName();
            if (isBazaar(workload)) {
                if (!images.names(image, workload.name())) {
                    problems.add(id + ": image " + image + " is not " + images.imageOf(workload.name())
                            + " (bazaar/<service>:<the root pom's version>)");
                }
            } else if (image == null || !(image.contains("@") || image.substring(image.lastIndexOf('/') + 1).contains(":"))
                    || image.endsWith(":latest")) {
                problems.add(id + ": image " + image + " is not pinned to a version");
            }
        }
    }

    /** Every key the service's configuration needs in the profile it runs, with a value or from a source rendered here. */
    private void checkRequiredKeys(Workload workload, Manifests manifests, List<String> problems) {
        Container container = bazaarContainer(workload, problems);
        if (container == null) {
            return;
        }
        String id = workload.id() + " container " + container.getName();
        Map<String, EnvVar> env = env(container);
        String active = manifests.value(env.get("SPRING_PROFILES_ACTIVE"));
        List<String> profiles = active == null ? List.of()
                : Arrays.stream(active.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
        requiredKeys.of(workload.name(), profiles).forEach((key, source) -> {
            EnvVar variable = env.get(key);
            if (variable == null) {
                problems.add(id + ": environment lacks " + key + " (required by " + source + ")");
            } else if (variable.getValueFrom() == null && (variable.getValue() == null || variable.getValue().isBlank())) {
                problems.add(id + ": " + key + " has no value (required by " + source + ")");
            }
        });
        for (EnvVar variable : env.values()) {
            if (variable.getValueFrom() == null) {
                continue;
            }
            ConfigMapKeySelector fromConfigMap = variable.getValueFrom().getConfigMapKeyRef();
            if (fromConfigMap != null && !Boolean.TRUE.equals(fromConfigMap.getOptional())) {
                Optional<ConfigMap> map = manifests.named(ConfigMap.class, fromConfigMap.getName());
                if (map.isEmpty() || map.get().getData() == null || !map.get().getData().containsKey(fromConfigMap.getKey())) {
                    problems.add(id + ": " + variable.getName() + " reads key " + fromConfigMap.getKey() + " of ConfigMap/"
                            + fromConfigMap.getName() + ", which is not rendered here");
                }
            }
            SecretKeySelector fromSecret = variable.getValueFrom().getSecretKeyRef();
            if (fromSecret != null && highAvailability == null && !Boolean.TRUE.equals(fromSecret.getOptional())) {
                Optional<Secret> secret = manifests.named(Secret.class, fromSecret.getName());
                boolean hasKey = secret.isPresent() && (secret.get().getData() != null && secret.get().getData().containsKey(fromSecret.getKey())
                        || secret.get().getStringData() != null && secret.get().getStringData().containsKey(fromSecret.getKey()));
                if (!hasKey) {
                    problems.add(id + ": " + variable.getName() + " reads key " + fromSecret.getKey() + " of Secret/"
                            + fromSecret.getName() + ", which is not rendered here");
                }
            }
        }
    }

    /** The ports the service is told to serve are the ones its container declares, by the names Services and policies use. */
    private static void checkPorts(Workload workload, Manifests manifests, List<String> problems) {
        Container container = bazaarContainer(workload, List.of());
        if (container == null) {
            return;
        }
        Map<String, EnvVar> env = env(container);
        PORT_KEYS.forEach((key, portName) -> {
            String value = manifests.value(env.get(key));
            if (value == null) {
                return;
            }
            Optional<ContainerPort> declared = nullToEmpty(container.getPorts()).stream()
                    .filter(p -> portName.equals(p.getName())).findFirst();
            if (declared.isEmpty() || !String.valueOf(declared.get().getContainerPort()).equals(value.strip())) {
                problems.add(workload.id() + " container " + container.getName() + ": " + key + "=" + value
                        + " is not its container port named " + portName
                        + declared.map(p -> " (" + p.getContainerPort() + ")").orElse(" (none)"));
            }
        });
    }

    /** SIGTERM after the preStop pause, then Spring's drain, all before the kubelet's SIGKILL. */
    private void checkGracefulShutdown(Workload workload, List<String> problems) {
        Container container = bazaarContainer(workload, List.of());
        if (container == null) {
            return;
        }
        var preStop = container.getLifecycle() == null ? null : container.getLifecycle().getPreStop();
        if (preStop == null || preStop.getSleep() == null && preStop.getExec() == null) {
            problems.add(workload.id() + " container " + container.getName()
                    + ": no preStop pause, so requests still routed to it meet a closing server");
            return;
        }
        long pause = preStop.getSleep() == null ? 0 : preStop.getSleep().getSeconds();
        Duration drain = shutdownPhases.getOrDefault(workload.name(), Duration.ZERO).plusSeconds(pause);
        Long grace = workload.pod().getTerminationGracePeriodSeconds();
        long given = grace == null ? 30 : grace;
        if (given <= drain.toSeconds()) {
            problems.add(workload.id() + ": terminationGracePeriodSeconds " + given + " is not longer than the "
                    + drain.toSeconds() + " s of its preStop pause and graceful shutdown");
        }
    }

    /**
     * Only the gateway is reachable from outside: its Service behind an Ingress with TLS, at the host
     * every service's issuer names; no other Service leaves the cluster network.
     */
    private void checkExposure(Manifests manifests, List<String> problems) {
        for (Service service : manifests.all(Service.class)) {
            String type = service.getSpec().getType();
            if (type != null && !type.equals("ClusterIP")) {
                problems.add(StrictManifests.nameOf(service) + ": type " + type
                        + " reaches outside the cluster (only the gateway's Ingress may)");
            }
        }
        List<Ingress> ingresses = manifests.all(Ingress.class);
        if (ingresses.isEmpty()) {
            problems.add("Ingress: none, so the gateway cannot be reached from outside");
        }
        Set<String> hosts = new TreeSet<>();
        for (Ingress ingress : ingresses) {
            String id = StrictManifests.nameOf(ingress);
            Set<String> tlsHosts = new TreeSet<>();
            for (IngressTLS tls : nullToEmpty(ingress.getSpec().getTls())) {
                if (tls.getSecretName() == null || tls.getSecretName().isBlank()) {
                    problems.add(id + ": TLS for " + tls.getHosts() + " names no Secret");
                } else {
                    tlsHosts.addAll(nullToEmpty(tls.getHosts()));
                }
            }
            List<IngressBackend> backends = new ArrayList<>();
            if (ingress.getSpec().getDefaultBackend() != null) {
                backends.add(ingress.getSpec().getDefaultBackend());
            }
            for (IngressRule rule : nullToEmpty(ingress.getSpec().getRules())) {
                hosts.add(rule.getHost());
                if (!tlsHosts.contains(rule.getHost())) {
                    problems.add(id + ": host " + rule.getHost() + " is served without TLS (spec.tls with a secretName)");
                }
                if (rule.getHttp() != null) {
                    rule.getHttp().getPaths().forEach(path -> backends.add(path.getBackend()));
                }
            }
            for (IngressBackend backend : backends) {
                checkIngressBackend(id, backend, manifests, problems);
            }
        }
        for (Workload workload : manifests.workloads()) {
            if (!isBazaar(workload) || bazaarContainer(workload, List.of()) == null) {
                continue;
            }
            String issuer = manifests.value(env(bazaarContainer(workload, List.of())).get(ISSUER_KEY));
            if (issuer != null && hosts.stream().noneMatch(host -> issuer.equals("https://" + host))) {
                problems.add(workload.id() + ": " + ISSUER_KEY + "=" + issuer + " is not https://<the Ingress's host> "
                        + hosts + ", the URL shoppers' browsers use");
            }
        }
    }

    private static void checkIngressBackend(String id, IngressBackend backend, Manifests manifests, List<String> problems) {
        if (backend.getService() == null) {
            problems.add(id + ": sends traffic to a resource, not the gateway's Service");
            return;
        }
        String name = backend.getService().getName();
        if (!GATEWAY.equals(name)) {
            problems.add(id + ": sends traffic to Service/" + name + "; only the gateway is reachable from outside");
        }
        Optional<Service> service = manifests.named(Service.class, name);
        var port = backend.getService().getPort();
        boolean served = service.isPresent() && port != null && nullToEmpty(service.get().getSpec().getPorts()).stream()
                .anyMatch(p -> Objects.equals(p.getName(), port.getName()) && port.getName() != null
                        || Objects.equals(p.getPort(), port.getNumber()));
        if (!served) {
            problems.add(id + ": its backend Service/" + name + " port "
                    + (port == null ? null : port.getName() != null ? port.getName() : port.getNumber()) + " is not rendered here");
        }
    }

    /** Deny by default, then exactly the expected connections: a missing one breaks Bazaar, an extra one opens it. */
    private void checkNetworkPolicies(List<HasMetadata> objects, List<String> problems) {
        boolean denies = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .anyMatch(p -> NetworkPaths.describe(p.getSpec().getPodSelector()).equals(NetworkPaths.ANY)
                        && p.getSpec().getPolicyTypes() != null
                        && p.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
                        && nullToEmpty(p.getSpec().getIngress()).isEmpty() && nullToEmpty(p.getSpec().getEgress()).isEmpty());
        if (!denies) {
            problems.add("NetworkPolicy: none denies by default (podSelector: {}, policyTypes Ingress and Egress, no rules)");
        }
        NetworkPaths paths = NetworkPaths.of(objects);
        paths.oneSided().forEach(problems::add);
        paths.allowed().forEach((path, policies) -> {
            if (!expectedPaths.contains(path)) {
                problems.add(String.join(", ", policies) + ": allows " + path + ", which is not an expected path");
            }
        });
        for (NetworkPaths.Path path : new TreeSet<>(expectedPaths)) {
            if (!paths.allowed().containsKey(path)) {
                problems.add("NetworkPolicy: none allows " + path);
            }
        }
    }

    /** Several replicas spread across nodes, autoscaling where load arrives, a budget for each, no Secret. */
    private void checkHighAvailability(Manifests manifests, List<String> problems) {
        for (Secret secret : manifests.all(Secret.class)) {
            problems.add(StrictManifests.nameOf(secret) + ": rendered, with its values; this overlay reads only Secrets "
                    + "the operator creates");
        }
        for (String service : requiredKeys.services()) {
            Optional<Workload> workload = manifests.workload(service);
            if (workload.isEmpty()) {
                continue;
            }
            String id = workload.get().id();
            Integer replicas = workload.get().replicas();
            if (replicas == null || replicas < highAvailability.minReplicas()) {
                problems.add(id + ": " + (replicas == null ? 1 : replicas) + " replica(s), fewer than "
                        + highAvailability.minReplicas());
            }
            if (nullToEmpty(workload.get().pod().getTopologySpreadConstraints()).stream()
                    .noneMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))) {
                problems.add(id + ": its replicas are not spread across nodes (topologySpreadConstraints on kubernetes.io/hostname)");
            }
            List<HorizontalPodAutoscaler> autoscalers = manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> service.equals(h.getSpec().getScaleTargetRef().getName())).toList();
            if (highAvailability.autoscaled().contains(service)) {
                if (autoscalers.isEmpty()) {
                    problems.add(id + ": no HorizontalPodAutoscaler scales it");
                }
                for (HorizontalPodAutoscaler hpa : autoscalers) {
                    checkAutoscaler(hpa, problems);
                }
            }
            if (manifests.all(PodDisruptionBudget.class).stream().noneMatch(p -> workload.get().isSelectedBy(p.getSpec().getSelector()))) {
                problems.add(id + ": no PodDisruptionBudget covers its pods");
            }
        }
    }

    private void checkAutoscaler(HorizontalPodAutoscaler hpa, List<String> problems) {
        String id = StrictManifests.nameOf(hpa);
        Integer min = hpa.getSpec().getMinReplicas();
        if (min == null || min < highAvailability.minReplicas()) {
            problems.add(id + ": may scale down to " + (min == null ? 1 : min) + ", fewer than " + highAvailability.minReplicas());
        }
        boolean onCpu = nullToEmpty(hpa.getSpec().getMetrics()).stream().map(MetricSpec::getResource)
                .anyMatch(r -> r != null && "cpu".equals(r.getName()) && r.getTarget() != null
                        && "Utilization".equals(r.getTarget().getType()) && r.getTarget().getAverageUtilization() != null);
        if (!onCpu) {
            problems.add(id + ": does not scale on CPU utilization");
        }
    }

    // ---- reading the objects ----

    private boolean isBazaar(Workload workload) {
        return workload.kind().equals("Deployment") && requiredKeys.services().contains(workload.name());
    }

    private static Container bazaarContainer(Workload workload, List<String> problems) {
        Optional<Container> container = workload.containers().stream().filter(c -> c.getName().equals(workload.name())).findFirst();
        if (container.isEmpty()) {
            problems.add(workload.id() + ": no container named " + workload.name());
        }
        return container.orElse(null);
    }

    private static Map<String, EnvVar> env(Container container) {
        Map<String, EnvVar> env = new LinkedHashMap<>();
        nullToEmpty(container.getEnv()).forEach(variable -> env.put(variable.getName(), variable));
        return env;
    }

    private static Optional<ContainerPort> containerPort(Workload workload, IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return workload.containers().stream().flatMap(c -> nullToEmpty(c.getPorts()).stream())
                .filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort())
                        : port.getStrVal().equals(p.getName()))
                .findFirst();
    }

    private static String text(IntOrString port) {
        return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    }

    private static String describe(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        return selector == null ? "(none)" : "{" + NetworkPaths.describe(selector) + "}";
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The rendered objects, found by kind and name. */
    private record Manifests(List<HasMetadata> objects, List<Workload> workloads) {

        Manifests(List<HasMetadata> objects) {
            this(objects, Workload.of(objects));
        }

        <T extends HasMetadata> List<T> all(Class<T> kind) {
            return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
            return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
        }

        Optional<Workload> workload(String name) {
            return workloads.stream().filter(w -> w.kind().equals("Deployment") && w.name().equals(name)).findFirst();
        }

        List<Workload> selectedBy(Service service) {
            return workloads.stream().filter(w -> Workload.matches(service.getSpec().getSelector(), w.podLabels())).toList();
        }

        /** A variable's value: as written, or from the ConfigMap rendered here; null when neither. */
        String value(EnvVar variable) {
            if (variable == null) {
                return null;
            }
            if (variable.getValueFrom() == null) {
                return variable.getValue();
            }
            ConfigMapKeySelector ref = variable.getValueFrom().getConfigMapKeyRef();
            if (ref == null) {
                return null;
            }
            return named(ConfigMap.class, ref.getName()).map(ConfigMap::getData).map(data -> data.get(ref.getKey())).orElse(null);
        }
    }
}
