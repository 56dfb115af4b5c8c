package dev.bazaar.testsupport.architecture;

import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Where a class sits in a service's layout: {@code <root>.<area>.<slice>...}. A class directly in
 * {@code <root>.<area>} is part of the area's model (its aggregate, views, repository or store);
 * anything below belongs to one slice. {@code config} and {@code grpc} are packages of a service,
 * not areas: they hold no model and no tables.
 */
record Layout(String root) {

    static final Set<String> NOT_AREAS = Set.of("config", "grpc");

    boolean owns(String packageName) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }

    /** The area a package belongs to, e.g. {@code orders} for {@code <root>.orders.placeorder}. */
    Optional<String> area(String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String[] segments = packageName.substring(root.length() + 1).split("\\.");
        return Optional.of(segments[0]);
    }

    /** The slice a package belongs to, as {@code area.slice}, e.g. {@code orders.placeorder}. */
    Optional<String> slice(String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String[] segments = packageName.substring(root.length() + 1).split("\\.");
        return segments.length < 2 ? Optional.empty() : Optional.of(segments[0] + "." + segments[1]);
    }

    /** Directly in an area package: the area's model, repository or store. */
    boolean inAreaModel(String packageName) {
        return area(packageName).filter(area -> !NOT_AREAS.contains(area))
                .map(area -> packageName.equals(root + "." + area)).orElse(false);
    }

    boolean inConfig(String packageName) {
        return owns(packageName) && ("." + packageName.substring(root.length()) + ".").contains(".config.");
    }

    static JavaClass topLevel(JavaClass type) {
        JavaClass current = type.getBaseComponentType();
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
