package dev.bazaar.e2e.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * What runs pods: a Deployment or a StatefulSet, with what the rules ask of either.
 *
 * @param object   the rendered object
 * @param template its pod template
 * @param selector the pods it owns
 * @param replicas how many it asks for (null: Kubernetes' default, one)
 */
record Workload(HasMetadata object, PodTemplateSpec template, LabelSelector selector, Integer replicas) {

    static List<Workload> of(List<HasMetadata> objects) {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata object : objects) {
            switch (object) {
                case Deployment d -> workloads.add(new Workload(d, d.getSpec().getTemplate(), d.getSpec().getSelector(),
                        d.getSpec().getReplicas()));
                case StatefulSet s -> workloads.add(new Workload(s, s.getSpec().getTemplate(), s.getSpec().getSelector(),
                        s.getSpec().getReplicas()));
                default -> { }
            }
        }
        return workloads;
    }

    String name() {
        return object.getMetadata().getName();
    }

    String kind() {
        return object.getKind();
    }

    /** {@code Kind/name}, as messages name it. */
    String id() {
        return StrictManifests.nameOf(object);
    }

    Map<String, String> podLabels() {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    PodSpec pod() {
        return template.getSpec();
    }

    List<Container> containers() {
        return pod().getContainers() == null ? List.of() : pod().getContainers();
    }

    /** Whether a label selector picks this workload's pods; a selector without terms picks every pod. */
    boolean isSelectedBy(LabelSelector selector) {
        return matches(selector, podLabels());
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            boolean holds = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** A Service's selector: every pair among the pod's labels; an empty one selects no pod. */
    static boolean matches(Map<String, String> serviceSelector, Map<String, String> labels) {
        return serviceSelector != null && !serviceSelector.isEmpty() && labels.entrySet().containsAll(serviceSelector.entrySet());
    }
}
