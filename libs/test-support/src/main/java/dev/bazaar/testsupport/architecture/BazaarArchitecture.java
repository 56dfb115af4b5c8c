package dev.bazaar.testsupport.architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The shape every Bazaar service keeps (DESIGN.md, "Code layout"), as rules a service's
 * {@code ArchitectureTest} runs on its own main code:
 *
 * <pre>
 * BazaarArchitecture order = BazaarArchitecture.of("dev.bazaar.order");
 * order.slicesDoNotImportEachOther().check();
 * </pre>
 *
 * <ul>
 * <li>{@link #slicesDoNotImportEachOther()}: a class in slice {@code <area>.<slice>} depends on no
 * class of another slice, of its own area or another. Read from the bytecode and, for the
 * constants the compiler inlines, from the source's imports.</li>
 * <li>{@link #onlyAnAreasStoreNamesItsTables()}: a source scan. The tables are the ones the
 * service's Flyway migrations create; a table is "named" by a string literal that reads as SQL and
 * has the table after {@code from}, {@code into}, {@code update}, {@code join} or {@code table}.
 * Ownership is not declared, it follows from the layout: the classes that may name tables are the
 * stores, which are the classes sitting directly in an area package beside the model (whatever
 * their domain name: {@code OrderStore}, {@code SigningKeys}, {@code LoginThrottle}) and, anywhere
 * else, classes named {@code *Repository}, {@code *Store} or {@code *Ledger} (such as the simulated
 * card processor's own {@code SimulatedCardLedger}); never a {@code *Handler} or an entry point, in
 * any package. A store's owner is the package it sits in. A table named by stores of two owners has
 * no one owner, and both are reported; a table named by anything but a store is reported with the
 * store that owns it. Tables of a library (libs/messaging's {@code outbox}, {@code inbox}, ...) are
 * named by no service class at all.</li>
 * <li>{@link #entryPointsDependOnlyOnHandlersAndViews()}: a REST controller, a gRPC service (a
 * {@code BindableService}, or extending a generated {@code *ImplBase}) or an event entry point
 * (an {@code EventHandler}) depends, among the service's own classes, only on {@code *Handler}s
 * (and their nested results), {@code *View}s, and the records and enums a slice declares (its
 * commands and queries), and on what a service declares with {@link #entryPointsMayAlsoUse}.
 * Libraries, {@code proto/} and {@code libs/} are not restricted.</li>
 * <li>{@link #configHoldsOnlyWiring()}: every top-level class in a {@code config} package is a
 * {@code @Configuration} or a {@code @ConfigurationProperties} type; and code outside
 * {@code config} uses nothing of it but the properties. Logic inside a {@code @Bean} method is
 * wiring's business and is not judged.</li>
 * </ul>
 *
 * Nested classes count as part of their top-level class. Only main code is checked.
 */
public final class BazaarArchitecture {

    static final String EVENT_HANDLER = "dev.bazaar.messaging.EventHandler";
    static final String MESSAGING_MIGRATIONS = "classpath*:db/messaging/*.sql";

    private final Layout layout;
    private JavaClasses classes;
    private Path sources = Path.of("src/main/java");
    private Path migrations = Path.of("src/main/resources/db/migration");
    private String eventEntryPoint = EVENT_HANDLER;
    private final Map<String, String> libraryTablePatterns = new LinkedHashMap<>(Map.of("libs/messaging", MESSAGING_MIGRATIONS));
    private final Set<String> entryPointExtras = new LinkedHashSet<>();
    private List<JavaSource> sourceFiles;

    private BazaarArchitecture(String rootPackage) {
        this.layout = new Layout(rootPackage);
    }

    /**
     * A service's main code, its classes from the class path and its sources and migrations under
     * the module's directory (where Maven runs the tests): {@code src/main/java},
     * {@code src/main/resources/db/migration}.
     */
    public static BazaarArchitecture of(String rootPackage) {
        return new BazaarArchitecture(rootPackage);
    }

    /** Checks these classes instead of the root package's main classes on the class path. */
    public BazaarArchitecture classes(JavaClasses classes) {
        this.classes = classes;
        return this;
    }

    public BazaarArchitecture sources(Path sources) {
        this.sources = sources;
        this.sourceFiles = null;
        return this;
    }

    public BazaarArchitecture migrations(Path migrations) {
        this.migrations = migrations;
        return this;
    }

    /** The interface event entry points implement; {@value #EVENT_HANDLER} unless told. */
    public BazaarArchitecture eventEntryPoint(String interfaceName) {
        this.eventEntryPoint = interfaceName;
        return this;
    }

    /**
     * The tables a library owns, as the class path pattern of its migrations, in place of
     * libs/messaging's ({@value #MESSAGING_MIGRATIONS}).
     */
    public BazaarArchitecture libraryTables(String owner, String migrationsPattern) {
        libraryTablePatterns.clear();
        libraryTablePatterns.put(owner, migrationsPattern);
        return this;
    }

    /**
     * Packages of the service, besides handlers and views, that its entry points may use: a
     * mechanism of the web layer that wraps every entry point (order-service's idempotency claim),
     * not a model or a store. Each is an exception a reader of the service's test should see.
     */
    public BazaarArchitecture entryPointsMayAlsoUse(String... packages) {
        entryPointExtras.addAll(List.of(packages));
        return this;
    }

    /** Every rule at once. */
    public void check() {
        List<AssertionError> failures = new ArrayList<>();
        for (ArchitectureRule rule : List.of(slicesDoNotImportEachOther(), onlyAnAreasStoreNamesItsTables(),
                entryPointsDependOnlyOnHandlersAndViews(), configHoldsOnlyWiring())) {
            try {
                rule.check();
            } catch (AssertionError e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.stream().map(Throwable::getMessage).collect(Collectors.joining("\n")));
        }
    }

    // ---- a slice never imports another slice

    public ArchitectureRule slicesDoNotImportEachOther() {
        return new ArchitectureRule("a slice never imports another slice", () -> {
            Set<String> pairs = new LinkedHashSet<>();
            List<String> violations = new ArrayList<>(violations(ArchRuleDefinition.classes()
                    .that(topLevelIn(layout.root()))
                    .and(DescribedPredicate.describe("sit in a slice", type -> layout.slice(type.getPackageName()).isPresent()))
                    .should(dependOnlyWithinOwnSlice(pairs))
                    .allowEmptyShould(true)));
            for (JavaSource source : sources()) {
                Optional<String> slice = layout.slice(source.packageName());
                if (slice.isEmpty()) {
                    continue;
                }
                for (String imported : source.imports()) {
                    Optional<String> other = layout.slice(JavaSource.packageOf(imported));
                    if (other.isPresent() && !other.equals(slice) && pairs.add(source.className() + " -> " + other.get())) {
                        violations.add(source.className() + " (slice " + slice.get() + ") imports " + imported
                                + " of slice " + other.get() + " [" + source.file() + "]");
                    }
                }
            }
            return violations;
        });
    }

    private ArchCondition<JavaClass> dependOnlyWithinOwnSlice(Set<String> pairs) {
        return new ArchCondition<>("depend on no class of another slice") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String slice = layout.slice(type.getPackageName()).orElseThrow();
                Map<JavaClass, Dependency> byTarget = dependenciesByTarget(type, target -> {
                    Optional<String> other = layout.slice(target.getPackageName());
                    return other.isPresent() && !other.get().equals(slice);
                });
                byTarget.forEach((target, example) -> {
                    String otherSlice = layout.slice(target.getPackageName()).orElseThrow();
                    pairs.add(type.getName() + " -> " + otherSlice);
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " (slice " + slice + ") depends on "
                            + target.getName() + " of slice " + otherSlice + ": " + example.getDescription()));
                });
            }
        };
    }

    // ---- only an area's store names its tables

    public ArchitectureRule onlyAnAreasStoreNamesItsTables() {
        return new ArchitectureRule("only an area's repository/store touches its tables", () -> {
            Set<String> tables = Tables.createdIn(migrations);
            Map<String, String> libraryTables = new TreeMap<>();
            libraryTablePatterns.forEach((owner, pattern) ->
                    Tables.createdOnClassPath(pattern).forEach(table -> libraryTables.putIfAbsent(table, owner)));
            libraryTables.keySet().removeAll(tables);
            Set<String> known = new TreeSet<>(tables);
            known.addAll(libraryTables.keySet());

            Set<String> entryPoints = new LinkedHashSet<>();
            importedClasses().stream().filter(this::isEntryPoint).forEach(type -> entryPoints.add(type.getName()));

            Map<String, Map<String, Set<String>>> storesByTable = new TreeMap<>();
            List<String> outside = new ArrayList<>();
            for (JavaSource source : sources()) {
                boolean store = isStore(source) && !entryPoints.contains(source.className());
                String owner = source.packageName().substring(Math.min(source.packageName().length(),
                        layout.root().length() + 1));
                for (JavaSource.Literal literal : source.literals()) {
                    for (String table : Tables.namedIn(literal.text(), known)) {
                        String where = source.className() + " (line " + literal.line() + ")";
                        if (libraryTables.containsKey(table)) {
                            outside.add(where + " names table " + table + ", which " + libraryTables.get(table)
                                    + " owns");
                        } else if (store) {
                            storesByTable.computeIfAbsent(table, t -> new TreeMap<>())
                                    .computeIfAbsent(owner, a -> new TreeSet<>())
                                    .add(source.simpleName());
                        } else {
                            outside.add(where + " names table " + table + " outside an area's store");
                        }
                    }
                }
            }
            List<String> violations = new ArrayList<>();
            storesByTable.forEach((table, areas) -> {
                if (areas.size() > 1) {
                    violations.add("table " + table + " is named by the stores of " + areas.size() + " packages, "
                            + areas.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                    .collect(Collectors.joining(" and ")) + ": one area owns it");
                }
            });
            for (String violation : outside) {
                violations.add(violation + ownedBy(storesByTable, violation));
            }
            return violations;
        });
    }

    private boolean isStore(JavaSource source) {
        String name = source.simpleName();
        if (name.endsWith("Handler") || !layout.owns(source.packageName())) {
            return false;
        }
        boolean inAnArea = layout.area(source.packageName()).filter(area -> !Layout.NOT_AREAS.contains(area)).isPresent();
        return inAnArea && (layout.inAreaModel(source.packageName())
                || name.endsWith("Repository") || name.endsWith("Store") || name.endsWith("Ledger"));
    }

    private static String ownedBy(Map<String, Map<String, Set<String>>> storesByTable, String violation) {
        String table = violation.replaceAll(".* names table (\\w+).*", "$1");
        Map<String, Set<String>> areas = storesByTable.get(table);
        return areas == null || areas.isEmpty() ? ""
                : " (its store: " + areas.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")";
    }

    // ---- entry points depend only on handlers and views

    public ArchitectureRule entryPointsDependOnlyOnHandlersAndViews() {
        return new ArchitectureRule("REST, gRPC and event entry points depend only on handlers and views", () ->
                violations(ArchRuleDefinition.classes()
                        .that(topLevelIn(layout.root()))
                        .and(DescribedPredicate.describe("are entry points", this::isEntryPoint))
                        .should(dependOnlyOnHandlersAndViews())
                        .allowEmptyShould(true)));
    }

    private ArchCondition<JavaClass> dependOnlyOnHandlersAndViews() {
        return new ArchCondition<>("depend, among the service's classes, only on handlers, views and slice commands") {
            @Override
            public void check(JavaClass entryPoint, ConditionEvents events) {
                Map<JavaClass, Dependency> byTarget = dependenciesByTarget(entryPoint,
                        target -> layout.owns(target.getPackageName()) && !allowedForEntryPoints(target));
                byTarget.forEach((target, example) -> events.add(SimpleConditionEvent.violated(entryPoint,
                        entryPoint.getName() + " (" + kindOf(entryPoint) + ") depends on " + target.getName()
                                + ", which is no handler, view or slice command: " + example.getDescription())));
            }
        };
    }

    private boolean allowedForEntryPoints(JavaClass target) {
        String name = target.getSimpleName();
        if (isEntryPoint(target)) {
            return false;
        }
        String packageName = target.getPackageName();
        if (entryPointExtras.stream().anyMatch(extra -> packageName.equals(extra) || packageName.startsWith(extra + "."))) {
            return true;
        }
        return name.endsWith("Handler") || name.endsWith("View")
                || ((target.isRecord() || target.isEnum()) && layout.slice(target.getPackageName()).isPresent());
    }

    boolean isEntryPoint(JavaClass type) {
        return kindOf(type) != null;
    }

    private String kindOf(JavaClass type) {
        if (type.isInterface()) {
            return null;
        }
        if (annotatedWith(type, "org.springframework.stereotype.Controller")) {
            return "REST entry point";
        }
        boolean generatedBase = type.getRawSuperclass().map(s -> s.getSimpleName().endsWith("ImplBase")).orElse(false);
        if (generatedBase || type.isAssignableTo("io.grpc.BindableService")) {
            return "gRPC entry point";
        }
        if (type.isAssignableTo(eventEntryPoint)) {
            return "event entry point";
        }
        return null;
    }

    // ---- config holds only wiring

    public ArchitectureRule configHoldsOnlyWiring() {
        return new ArchitectureRule("config/ holds only wiring", () -> {
            List<String> violations = new ArrayList<>(violations(ArchRuleDefinition.classes()
                    .that(topLevelIn(layout.root()))
                    .and(DescribedPredicate.describe("sit in config", type -> layout.inConfig(type.getPackageName())))
                    .and(DescribedPredicate.describe("are no package-info", type -> !type.getSimpleName().equals("package-info")))
                    .should(new ArchCondition<>("be @Configuration or @ConfigurationProperties") {
                        @Override
                        public void check(JavaClass type, ConditionEvents events) {
                            if (!isWiring(type) && !isProperties(type)) {
                                events.add(SimpleConditionEvent.violated(type, type.getName()
                                        + " sits in config but is neither @Configuration nor @ConfigurationProperties"
                                        + stereotype(type)));
                            }
                        }
                    })
                    .allowEmptyShould(true)));
            violations.addAll(violations(ArchRuleDefinition.classes()
                    .that(topLevelIn(layout.root()))
                    .and(DescribedPredicate.describe("sit outside config", type -> !layout.inConfig(type.getPackageName())))
                    .and(DescribedPredicate.describe("are no configuration", type -> !isWiring(type)))
                    .should(new ArchCondition<>("use of config/ only its properties") {
                        @Override
                        public void check(JavaClass type, ConditionEvents events) {
                            dependenciesByTarget(type, target -> layout.inConfig(target.getPackageName())
                                    && !isProperties(Layout.topLevel(target)))
                                    .forEach((target, example) -> events.add(SimpleConditionEvent.violated(type,
                                            type.getName() + " uses " + target.getName()
                                                    + " of config, which is not properties: " + example.getDescription())));
                        }
                    })
                    .allowEmptyShould(true)));
            return violations;
        });
    }

    private static boolean isWiring(JavaClass type) {
        return annotatedWith(type, "org.springframework.context.annotation.Configuration");
    }

    private static boolean isProperties(JavaClass type) {
        return annotatedWith(type, "org.springframework.boot.context.properties.ConfigurationProperties");
    }

    private static String stereotype(JavaClass type) {
        return annotatedWith(type, "org.springframework.stereotype.Component")
                ? " (a bean with behaviour of its own belongs to the area or library that uses it)" : "";
    }

    // ---- shared

    private JavaClasses importedClasses() {
        if (classes == null) {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages(layout.root());
            if (classes.stream().noneMatch(type -> layout.owns(type.getPackageName()))) {
                throw new IllegalStateException("no main classes of " + layout.root() + " on the class path");
            }
        }
        return classes;
    }

    private List<JavaSource> sources() {
        if (sourceFiles == null) {
            sourceFiles = JavaSource.under(sources, layout.root());
        }
        return sourceFiles;
    }

    private List<String> violations(ArchRule rule) {
        return rule.evaluate(importedClasses()).getFailureReport().getDetails();
    }

    private static DescribedPredicate<JavaClass> topLevelIn(String root) {
        return DescribedPredicate.describe("are top-level classes in " + root, type -> type.isTopLevelClass()
                && (type.getPackageName().equals(root) || type.getPackageName().startsWith(root + ".")));
    }

    /**
     * The dependencies of a top-level class and its nested classes on other top-level classes that
     * {@code counts}, one example each.
     */
    private Map<JavaClass, Dependency> dependenciesByTarget(JavaClass topLevel,
            java.util.function.Predicate<JavaClass> counts) {
        Map<JavaClass, Dependency> byTarget = new TreeMap<>((a, b) -> a.getName().compareTo(b.getName()));
        importedClasses().stream().filter(type -> Layout.topLevel(type).equals(topLevel))
                .flatMap(type -> type.getDirectDependenciesFromSelf().stream())
                .sorted((a, b) -> a.getDescription().compareTo(b.getDescription()))
                .forEach(dependency -> {
                    JavaClass target = Layout.topLevel(dependency.getTargetClass());
                    if (!target.equals(topLevel) && counts.test(target)) {
                        byTarget.putIfAbsent(target, dependency);
                    }
                });
        return byTarget;
    }

    private static boolean annotatedWith(JavaClass type, String annotation) {
        return type.isAnnotatedWith(annotation) || type.isMetaAnnotatedWith(annotation);
    }
}
