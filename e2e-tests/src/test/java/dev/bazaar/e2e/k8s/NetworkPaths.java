package dev.bazaar.e2e.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * The connections the rendered NetworkPolicies let through, computed as a cluster enforces them: a
 * pod that some policy selects for a direction takes only what the policies allow it in that
 * direction; between two pods of the namespace a connection needs both the caller's egress and the
 * callee's ingress; to or from outside the namespace, the namespace's own side decides.
 *
 * <p>A peer in the namespace is named by the workloads its selector picks ({@code catalog-service});
 * one outside by its namespace and pod selector ({@code monitoring/app.kubernetes.io/name=prometheus});
 * anything wider by {@code *}. A named port is the callee's container port of that name.
 *
 * @param allowed  each connection let through, with the policies that allow it
 * @param oneSided a side that allows a connection within the namespace which the other side refuses
 */
record NetworkPaths(Map<Path, Set<String>> allowed, List<String> oneSided) {

    static final String ANY = "*";

    /** One connection: from a workload or peer, to one, on a port ({@code 8081/TCP}). */
    record Path(String from, String to, String port) implements Comparable<Path> {

        @Override
        public String toString() {
            return from + " -> " + to + " " + port;
        }

        @Override
        public int compareTo(Path other) {
            return toString().compareTo(other.toString());
        }
    }

    static NetworkPaths of(List<HasMetadata> objects) {
        List<Workload> workloads = Workload.of(objects);
        List<NetworkPolicy> policies = objects.stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();
        Map<Path, Set<String>> ingress = new TreeMap<>();
        Map<Path, Set<String>> egress = new TreeMap<>();
        Set<String> ingressIsolated = new TreeSet<>();
        Set<String> egressIsolated = new TreeSet<>();
        for (NetworkPolicy policy : policies) {
            String id = StrictManifests.nameOf(policy);
            List<Workload> selected = workloads.stream()
                    .filter(w -> w.isSelectedBy(policy.getSpec().getPodSelector())).toList();
            List<String> types = policyTypes(policy);
            if (types.contains("Ingress")) {
                selected.forEach(w -> ingressIsolated.add(w.name()));
                for (var rule : nullToEmpty(policy.getSpec().getIngress())) {
                    for (Workload callee : selected) {
                        for (String source : peers(rule.getFrom(), workloads)) {
                            for (String port : ports(rule.getPorts(), callee)) {
                                add(ingress, new Path(source, callee.name(), port), id);
                            }
                        }
                    }
                }
            }
            if (types.contains("Egress")) {
                selected.forEach(w -> egressIsolated.add(w.name()));
                for (var rule : nullToEmpty(policy.getSpec().getEgress())) {
                    for (Workload caller : selected) {
                        for (String target : peers(rule.getTo(), workloads)) {
                            Workload callee = workloads.stream().filter(w -> w.name().equals(target)).findFirst().orElse(null);
                            for (String port : ports(rule.getPorts(), callee)) {
                                add(egress, new Path(caller.name(), target, port), id);
                            }
                        }
                    }
                }
            }
        }
        // a pod no policy isolates in a direction takes anything in that direction
        for (Workload w : workloads) {
            if (!ingressIsolated.contains(w.name())) {
                add(ingress, new Path(ANY, w.name(), ANY), "no NetworkPolicy (" + w.id() + " is not isolated for ingress)");
            }
            if (!egressIsolated.contains(w.name())) {
                add(egress, new Path(w.name(), ANY, ANY), "no NetworkPolicy (" + w.id() + " is not isolated for egress)");
            }
        }
        Set<String> inside = workloads.stream().map(Workload::name).collect(Collectors.toSet());
        Map<Path, Set<String>> allowed = new TreeMap<>();
        List<String> oneSided = new ArrayList<>();
        egress.forEach((path, by) -> {
            if (!inside.contains(path.to())) {
                allowed.computeIfAbsent(path, p -> new TreeSet<>()).addAll(by);
            } else if (ingress.containsKey(path)) {
                allowed.computeIfAbsent(path, p -> new TreeSet<>()).addAll(by);
                allowed.get(path).addAll(ingress.get(path));
            } else {
                oneSided.add(String.join(", ", by) + ": lets " + path + " out, but no NetworkPolicy lets it into "
                        + path.to());
            }
        });
        ingress.forEach((path, by) -> {
            if (!inside.contains(path.from())) {
                allowed.computeIfAbsent(path, p -> new TreeSet<>()).addAll(by);
            } else if (!egress.containsKey(path)) {
                oneSided.add(String.join(", ", by) + ": lets " + path + " in, but no NetworkPolicy lets it out of "
                        + path.from());
            }
        });
        return new NetworkPaths(allowed, oneSided);
    }

    /** Kubernetes' default: Ingress always, Egress when the policy has egress rules. */
    private static List<String> policyTypes(NetworkPolicy policy) {
        if (policy.getSpec().getPolicyTypes() != null && !policy.getSpec().getPolicyTypes().isEmpty()) {
            return policy.getSpec().getPolicyTypes();
        }
        return policy.getSpec().getEgress() == null ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    private static List<String> peers(List<NetworkPolicyPeer> peers, List<Workload> workloads) {
        if (peers == null || peers.isEmpty()) {
            return List.of(ANY);
        }
        List<String> names = new ArrayList<>();
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                names.add("ipBlock " + peer.getIpBlock().getCidr()
                        + (peer.getIpBlock().getExcept() == null ? "" : " except " + peer.getIpBlock().getExcept()));
            } else if (peer.getNamespaceSelector() != null) {
                names.add(namespace(peer.getNamespaceSelector()) + "/"
                        + (peer.getPodSelector() == null ? ANY : describe(peer.getPodSelector())));
            } else {
                List<String> picked = workloads.stream().filter(w -> w.isSelectedBy(peer.getPodSelector()))
                        .map(Workload::name).toList();
                names.addAll(picked.isEmpty() ? List.of("pods {" + describe(peer.getPodSelector()) + "} (none here)") : picked);
            }
        }
        return names;
    }

    private static String namespace(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        String name = labels.get("kubernetes.io/metadata.name");
        boolean byNameAlone = name != null && labels.size() == 1
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
        return byNameAlone ? name : "namespaces {" + describe(selector) + "}";
    }

    /** A selector in words: {@code k=v,k2 in (a, b)}; {@code *} for one that selects everything. */
    static String describe(LabelSelector selector) {
        List<String> terms = new ArrayList<>();
        new TreeMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels())
                .forEach((key, value) -> terms.add(key + "=" + value));
        nullToEmpty(selector.getMatchExpressions()).forEach(e -> terms.add(e.getKey() + " " + e.getOperator()
                + (e.getValues() == null ? "" : " " + e.getValues())));
        return terms.isEmpty() ? ANY : String.join(",", terms);
    }

    private static List<String> ports(List<NetworkPolicyPort> ports, Workload callee) {
        if (ports == null || ports.isEmpty()) {
            return List.of(ANY);
        }
        List<String> resolved = new ArrayList<>();
        for (NetworkPolicyPort port : ports) {
            String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            resolved.add(port.getPort() == null ? ANY + "/" + protocol
                    : number(port.getPort(), callee) + (port.getEndPort() == null ? "" : "-" + port.getEndPort()) + "/" + protocol);
        }
        return resolved;
    }

    /** A port by number, or by the callee's container port of that name (unresolved: the name itself). */
    private static String number(IntOrString port, Workload callee) {
        if (port.getIntVal() != null) {
            return String.valueOf(port.getIntVal());
        }
        if (callee != null) {
            for (var container : callee.containers()) {
                for (ContainerPort declared : nullToEmpty(container.getPorts())) {
                    if (port.getStrVal().equals(declared.getName())) {
                        return String.valueOf(declared.getContainerPort());
                    }
                }
            }
        }
        return port.getStrVal();
    }

    private static void add(Map<Path, Set<String>> into, Path path, String policy) {
        into.computeIfAbsent(path, p -> new TreeSet<>()).add(policy);
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
