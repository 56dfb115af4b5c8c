package dev.bazaar.testsupport.architecture;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Nothing in {@code libs/} depends on a service: problem, service-defaults, messaging and
 * test-support are what services share, so none of them may reach back into one. Checked on
 * the libraries found on the class path (a module sees the libraries it depends on), main code
 * only, from the bytecode.
 */
public final class LibsArchitecture {

    /** The packages of {@code libs/}: problem, service-defaults, messaging, test-support. */
    public static final List<String> LIBS = List.of("dev.bazaar.problem", "dev.bazaar.defaults", "dev.bazaar.messaging",
            "dev.bazaar.testsupport");

    /** The root packages of the services. */
    public static final List<String> SERVICES = List.of("dev.bazaar.identity", "dev.bazaar.catalog", "dev.bazaar.order",
            "dev.bazaar.payment", "dev.bazaar.gateway");

    private LibsArchitecture() {
    }

    /** Bazaar's libraries on the class path, against Bazaar's services. */
    public static ArchitectureRule libsDependOnNoService() {
        return libsDependOnNoService(null, LIBS, SERVICES);
    }

    /** {@code classes} (null: the libraries' main classes on the class path) against the given packages. */
    public static ArchitectureRule libsDependOnNoService(JavaClasses classes, List<String> libs, List<String> services) {
        return new ArchitectureRule("nothing in libs/ depends on a service", () -> {
            JavaClasses imported = classes != null ? classes
                    : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                            .importPackages(libs);
            List<JavaClass> libClasses = imported.stream().filter(type -> in(type, libs)).toList();
            if (libClasses.isEmpty()) {
                return List.of("no classes of " + libs + " found to check");
            }
            Map<String, String> violations = new TreeMap<>();
            for (JavaClass type : libClasses) {
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    JavaClass target = Layout.topLevel(dependency.getTargetClass());
                    if (in(target, services)) {
                        violations.putIfAbsent(Layout.topLevel(type).getName() + " -> " + target.getName(),
                                Layout.topLevel(type).getName() + " (libs) depends on " + target.getName()
                                        + " of a service: " + dependency.getDescription());
                    }
                }
            }
            return List.copyOf(violations.values());
        });
    }

    private static boolean in(JavaClass type, List<String> packages) {
        String name = type.getPackageName();
        return packages.stream().anyMatch(root -> name.equals(root) || name.startsWith(root + "."));
    }
}
