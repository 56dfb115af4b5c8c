package dev.bazaar.e2e.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.bazaar.e2e.deploy.ImageScheme;
import dev.bazaar.e2e.deploy.RequiredKeys;

/**
 * What docker-compose.yml must get right, checked on the parsed file: no Docker needed. Each
 * rule adds a sentence to {@link #problems}; an empty list means the file is fine.
 *
 * <p>A Bazaar service's required environment is the list of standard keys it is given (Spring's
 * keys and Bazaar's deployment-wide names, which its application.yml does not show: {@value
 * RequiredKeys#FILE}) plus every placeholder without a default in the configuration files of the
 * profiles its container activates ({@link RequiredKeys#placeholders}).
 *
 * @param root           the repository root: build contexts and each service's config are found from here
 * @param standardKeys   for each Bazaar service (compose service name = Maven module), the keys it needs
 *                       that no placeholder shows
 * @param publishedPorts the only containers that may publish ports to the host, and which host ports
 * @param scalable       the services that run as several replicas ({@code docker compose up --scale}): no
 *                       container name, host port or fixed address of their own, and whoever calls or
 *                       scrapes them finds every replica by its service name (DNS)
 * @param images         how each Bazaar service's image is named and tagged, as in deploy/k8s; null: not checked
 */
record ComposeFileCheck(Path root, Map<String, Set<String>> standardKeys, Map<String, Set<Integer>> publishedPorts,
        Set<String> scalable, ImageScheme images) {

    ComposeFileCheck(Path root, Map<String, Set<String>> standardKeys, Map<String, Set<Integer>> publishedPorts) {
        this(root, standardKeys, publishedPorts, Set.of(), null);
    }

    private static final Pattern MEMORY = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)b?\\s*");
    /** env keys whose value is an address another container must answer */
    private static final Pattern ADDRESS_KEY = Pattern.compile(".*_(URL|HOST|GRPC|ENDPOINT)");
    private static final String ISSUER_KEY = "BAZAAR_ISSUER_URL";
    /** the build arg that names the Maven module the repository's Dockerfile builds */
    private static final String SERVICE_ARG = "SERVICE";
    private static final Pattern BUILDS_SERVICE_MODULE = Pattern.compile("-pl\\s+\"?\\$(SERVICE|\\{SERVICE})\"?(\\s|$)");
    /** the Dockerfile's port build args, each with the environment key of the port it must match */
    private static final Map<String, String> PORT_ARGUMENTS = Map.of(
            "HTTP_PORT", "SERVER_PORT", "GRPC_PORT", "SPRING_GRPC_SERVER_PORT");
    /** env keys whose value is a gRPC target */
    private static final Pattern GRPC_KEY = Pattern.compile(".*_GRPC");
    /**
     * How long a Bazaar service may take to stop: Spring's 20 s shutdown phase and the JVM around it
     * (Docker's default, 10 s, would SIGKILL a charge in flight); {@code ./bazaar down} waits as long.
     */
    static final Duration GRACE_PERIOD = Duration.ofSeconds(30);
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us)");
    private static final String PROMETHEUS_IMAGE = "prom/prometheus";
    private static final String PROMETHEUS_DEFAULT_CONFIG = "/etc/prometheus/prometheus.yml";

    /** Parses a compose file as Compose does: YAML 1.1 with anchors and merge keys, no duplicate keys. */
    static Map<String, Object> load(Path composeFile) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(composeFile)) {
            return map(new Yaml(new SafeConstructor(options)).load(reader));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> problems(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        if (services.isEmpty()) {
            return List.of("no services");
        }
        for (String name : standardKeys.keySet()) {
            if (!services.containsKey(name)) {
                problems.add(name + ": missing");
            }
        }
        Map<Integer, String> hostPorts = new HashMap<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = map(definition);
            checkHealthcheckAndMemory(name, service, problems);
            checkDependencies(name, service, services, problems);
            checkPorts(name, service, hostPorts, problems);
            checkAddresses(name, environment(service), services, problems);
            checkGrpcTargets(name, environment(service), problems);
            if (standardKeys.containsKey(name)) {
                checkRequiredKeys(name, environment(service), problems);
                checkImage(name, service, problems);
                checkBuild(name, service, problems);
                checkReadinessPort(name, service, problems);
                checkGracePeriod(name, service, problems);
            }
            if (scalable.contains(name)) {
                checkScalable(name, service, problems);
            }
        });
        checkIssuer(services, hostPorts, problems);
        checkPrometheus(services, problems);
        return problems;
    }

    /** Every key the service's container needs, with where the need comes from. */
    Map<String, String> requiredKeys(String service, Map<String, String> environment) {
        Map<String, String> required = new LinkedHashMap<>();
        for (String key : standardKeys.getOrDefault(service, Set.of())) {
            required.put(key, RequiredKeys.FILE);
        }
        RequiredKeys.placeholders(root, service, profiles(environment)).forEach(required::putIfAbsent);
        return required;
    }

    /** The sum of every container's memory limit, in MiB. */
    static long totalMemoryMiB(Map<String, Object> compose) {
        long bytes = 0;
        for (Object definition : map(compose.get("services")).values()) {
            Long limit = memoryLimitBytes(map(definition));
            bytes += limit == null ? 0 : limit;
        }
        return bytes / (1024 * 1024);
    }

    // ---- the rules ----

    private void checkRequiredKeys(String name, Map<String, String> environment, List<String> problems) {
        requiredKeys(name, environment).forEach((key, source) -> {
            if (!environment.containsKey(key)) {
                problems.add(name + ": environment lacks " + key + " (required by " + source + ")");
            } else if (environment.get(key) == null || environment.get(key).isBlank()) {
                problems.add(name + ": " + key + " has no value in the compose file (required by " + source + ")");
            }
        });
    }

    /** The image compose builds is tagged as Kubernetes pulls it: one name and version per release, never dev or latest. */
    private void checkImage(String name, Map<String, Object> service, List<String> problems) {
        if (images == null) {
            return;
        }
        Object image = service.get("image");
        if (image == null || !image.equals(images.imageOf(name))) {
            problems.add(name + ": image " + image + " is not " + images.imageOf(name)
                    + " (bazaar/<service>:<the root pom's version>, as deploy/k8s pulls it)");
        }
    }

    /**
     * Every Bazaar service is built by the one Dockerfile at the repository root, from the Maven
     * reactor; its build args say which module (SERVICE, the compose service's own) and which ports.
     */
    private void checkBuild(String name, Map<String, Object> service, List<String> problems) {
        Object build = service.get("build");
        if (build == null) {
            problems.add(name + ": no build section (Bazaar services are built from the repository's Dockerfile)");
            return;
        }
        String context = build instanceof String s ? s : string(map(build).get("context"));
        String dockerfile = build instanceof String ? "Dockerfile" : string(map(build).getOrDefault("dockerfile", "Dockerfile"));
        Path contextDir = root.resolve(context == null ? "." : context).normalize();
        if (!Files.isDirectory(contextDir)) {
            problems.add(name + ": build context " + context + " does not exist");
            return;
        }
        Path file = contextDir.resolve(dockerfile).normalize();
        if (!Files.isRegularFile(file)) {
            problems.add(name + ": Dockerfile " + root.relativize(file) + " does not exist");
            return;
        }
        if (!Files.isRegularFile(contextDir.resolve("pom.xml")) || !Files.isRegularFile(contextDir.resolve("mvnw"))) {
            problems.add(name + ": build context " + context + " is not the Maven reactor (no pom.xml and mvnw)");
        }
        if (!file.equals(root.resolve("Dockerfile").normalize())) {
            problems.add(name + ": builds from " + root.relativize(file) + ", not the one Dockerfile at the repository root");
        }
        Map<String, String> args = build instanceof String ? Map.of() : keyValues(map(build).get("args"));
        checkServiceArgument(name, contextDir, file, args, problems);
        checkBuildArguments(name, file, args, problems);
        checkPortArguments(name, args, environment(service), problems);
        checkCopiedFiles(name, contextDir, file, problems);
    }

    /** SERVICE names the module the Dockerfile builds: a module of the reactor, and the compose service's own. */
    private void checkServiceArgument(String name, Path contextDir, Path dockerfile, Map<String, String> args,
            List<String> problems) {
        String module = args.get(SERVICE_ARG);
        if (module != null && !module.isBlank()) {
            Path reactorPom = contextDir.resolve("pom.xml");
            boolean listed = Files.isRegularFile(reactorPom) && read(reactorPom).contains("<module>" + module + "</module>");
            if (!listed || !Files.isRegularFile(contextDir.resolve(module).resolve("pom.xml"))) {
                problems.add(name + ": build arg " + SERVICE_ARG + "=" + module + " names no module of the Maven reactor ("
                        + module + "/pom.xml, listed in pom.xml)");
            }
            if (!module.equals(name)) {
                problems.add(name + ": build arg " + SERVICE_ARG + "=" + module + " is not its own module " + name);
            }
        }
        String text = read(dockerfile);
        if (!declaredArguments(text).containsKey(SERVICE_ARG) || !BUILDS_SERVICE_MODULE.matcher(text).find()) {
            problems.add(name + ": " + root.relativize(dockerfile) + " does not build the module its " + SERVICE_ARG
                    + " argument names (ARG " + SERVICE_ARG + ", -pl \"${" + SERVICE_ARG + "}\")");
        }
    }

    /** An ARG without default must be given, and an arg the Dockerfile does not declare is a typo that builds nothing. */
    private void checkBuildArguments(String name, Path dockerfile, Map<String, String> args, List<String> problems) {
        Map<String, Boolean> declared = declaredArguments(read(dockerfile));
        declared.forEach((arg, hasDefault) -> {
            if (!hasDefault && !args.containsKey(arg)) {
                problems.add(name + ": build args lack " + arg + ", which " + root.relativize(dockerfile)
                        + " declares without default");
            } else if (!hasDefault && (args.get(arg) == null || args.get(arg).isBlank())) {
                problems.add(name + ": build arg " + arg + " has no value in the compose file");
            }
        });
        args.keySet().stream().filter(arg -> !declared.containsKey(arg)).forEach(arg -> problems.add(
                name + ": build arg " + arg + " is not declared in " + root.relativize(dockerfile) + " (ARG " + arg + ")"));
    }

    /** The ports the image exposes and its health check asks are the ones the container serves. */
    private static void checkPortArguments(String name, Map<String, String> args, Map<String, String> environment,
            List<String> problems) {
        PORT_ARGUMENTS.forEach((arg, key) -> {
            String given = args.get(arg);
            String served = environment.get(key);
            if (given != null && served != null && !given.strip().equals(served.strip())) {
                problems.add(name + ": build arg " + arg + "=" + given + " is not its " + key + " " + served
                        + " (the port the image exposes)");
            }
        });
    }

    /** The Dockerfile's ARG names, each with whether one of its declarations gives a default. */
    private static Map<String, Boolean> declaredArguments(String dockerfile) {
        Map<String, Boolean> declared = new LinkedHashMap<>();
        dockerfile.lines().map(String::strip).filter(line -> line.startsWith("ARG ")).forEach(line -> {
            for (String word : line.substring("ARG ".length()).strip().split("\\s+")) {
                int equals = word.indexOf('=');
                String arg = equals < 0 ? word : word.substring(0, equals);
                declared.merge(arg, equals >= 0, Boolean::logicalOr);
            }
        });
        return declared;
    }

    /** A file copied from the build context that is not there, or that .dockerignore leaves out, fails the image's build. */
    private void checkCopiedFiles(String name, Path contextDir, Path dockerfile, List<String> problems) {
        Path ignoreFile = contextDir.resolve(".dockerignore");
        List<String> ignored = Files.isRegularFile(ignoreFile) ? read(ignoreFile).lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList() : List.of();
        read(dockerfile).lines().map(String::strip).filter(line -> line.startsWith("COPY ") && !line.contains("--from="))
                .forEach(line -> {
                    List<String> words = List.of(line.substring("COPY ".length()).strip().split("\\s+"));
                    for (String source : words.subList(0, words.size() - 1)) {
                        if (source.startsWith("--") || source.contains("*") || source.equals(".")) {
                            continue;
                        }
                        if (!Files.exists(contextDir.resolve(source).normalize()) || isIgnored(source, ignored)) {
                            problems.add(name + ": " + root.relativize(dockerfile) + " copies " + source
                                    + ", which is not in the build context");
                        }
                    }
                });
    }

    /** .dockerignore's plain path patterns, in order, the last that matches deciding ({@code !} takes back in). */
    private static boolean isIgnored(String source, List<String> patterns) {
        boolean ignored = false;
        for (String pattern : patterns) {
            boolean takesBack = pattern.startsWith("!");
            String path = pattern.substring(takesBack ? 1 : 0).replaceAll("^/+|/+$", "");
            if (!path.contains("*") && (source.equals(path) || source.startsWith(path + "/"))) {
                ignored = !takesBack;
            }
        }
        return ignored;
    }

    private static void checkHealthcheckAndMemory(String name, Map<String, Object> service, List<String> problems) {
        if (!hasHealthcheck(service)) {
            problems.add(name + ": no healthcheck");
        }
        if (memoryLimitBytes(service) == null) {
            problems.add(name + ": no memory limit (mem_limit or deploy.resources.limits.memory)");
        }
    }

    private static void checkDependencies(String name, Map<String, Object> service, Map<String, Object> services,
            List<String> problems) {
        Object dependsOn = service.get("depends_on");
        Map<String, Object> dependencies = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> list) {
            list.forEach(target -> dependencies.put(String.valueOf(target), Map.of()));
        } else {
            dependencies.putAll(map(dependsOn));
        }
        dependencies.forEach((target, how) -> {
            if (!services.containsKey(target)) {
                problems.add(name + ": depends on " + target + ", which is not a service");
                return;
            }
            if (!hasHealthcheck(map(services.get(target)))) {
                problems.add(name + ": depends on " + target + ", which has no healthcheck");
            }
            if (!"service_healthy".equals(map(how).get("condition"))) {
                problems.add(name + ": depends on " + target + " without condition: service_healthy");
            }
        });
    }

    private void checkPorts(String name, Map<String, Object> service, Map<Integer, String> hostPorts,
            List<String> problems) {
        Set<Integer> allowed = publishedPorts.getOrDefault(name, Set.of());
        for (int port : hostPorts(service)) {
            String other = hostPorts.putIfAbsent(port, name);
            if (other != null) {
                problems.add(name + ": host port " + port + " is already published by " + other);
            }
            if (!allowed.contains(port)) {
                problems.add(name + ": publishes host port " + port + "; only " + publishedPorts
                        + " may be published (everything else goes through the gateway)");
            }
        }
    }

    /** Addresses in the environment must name a container of this file, on a port it serves. */
    private static void checkAddresses(String name, Map<String, String> environment, Map<String, Object> services,
            List<String> problems) {
        environment.forEach((key, value) -> {
            if (!ADDRESS_KEY.matcher(key).matches() || key.equals(ISSUER_KEY) || value == null || value.isBlank()) {
                return;
            }
            for (String address : value.split(",")) {
                HostAndPort target = HostAndPort.parse(address.strip());
                if (target == null) {
                    continue;
                }
                if (!services.containsKey(target.host())) {
                    problems.add(name + ": " + key + "=" + value + " names " + target.host()
                            + ", which is not a service of this file");
                    continue;
                }
                Set<Integer> served = servedPorts(environment(map(services.get(target.host()))));
                if (target.port() != null && !served.isEmpty() && !served.contains(target.port())) {
                    problems.add(name + ": " + key + "=" + value + " uses port " + target.port() + ", but "
                            + target.host() + " serves " + served);
                }
            }
        });
    }

    /** A service's health check must ask the port it serves Actuator on: the management port if it has one. */
    private static void checkReadinessPort(String name, Map<String, Object> service, List<String> problems) {
        Map<String, String> environment = environment(service);
        String port = environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.get("SERVER_PORT"));
        Object test = map(service.get("healthcheck")).get("test");
        String command = test instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                : String.valueOf(test);
        if (port != null && !command.contains(":" + port + "/actuator/health/readiness")) {
            problems.add(name + ": healthcheck does not ask :" + port + "/actuator/health/readiness (its Actuator port)");
        }
    }

    /** Replicas share everything the file says of their service: nothing in it may be one container's alone. */
    private static void checkScalable(String name, Map<String, Object> service, List<String> problems) {
        if (service.get("container_name") != null) {
            problems.add(name + ": container_name " + service.get("container_name")
                    + ": replicas of a scalable service cannot share one name");
        }
        for (int port : hostPorts(service)) {
            problems.add(name + ": publishes host port " + port
                    + ": replicas of a scalable service cannot share one (only the gateway publishes a port)");
        }
        map(service.get("networks")).forEach((network, settings) -> {
            for (String key : List.of("ipv4_address", "ipv6_address")) {
                Object address = map(settings).get(key);
                if (address != null) {
                    problems.add(name + ": fixed address " + address + " on network " + network
                            + ": replicas of a scalable service cannot share one");
                }
            }
        });
    }

    /** SIGTERM must be given the time a graceful shutdown takes before Docker sends SIGKILL. */
    private static void checkGracePeriod(String name, Map<String, Object> service, List<String> problems) {
        Object given = service.get("stop_grace_period");
        if (given == null) {
            problems.add(name + ": no stop_grace_period (Docker's default, 10 s, cuts a graceful shutdown short): give "
                    + GRACE_PERIOD.toSeconds() + "s");
            return;
        }
        Duration period = duration(String.valueOf(given));
        if (period == null || period.compareTo(GRACE_PERIOD) < 0) {
            problems.add(name + ": stop_grace_period " + given + " is shorter than the " + GRACE_PERIOD.toSeconds()
                    + "s a graceful shutdown may take");
        }
    }

    /**
     * A gRPC target that names a scalable service as host:port connects to the one address the name
     * gave first; {@code dns:///host:port} resolves every replica and balances across them.
     */
    private void checkGrpcTargets(String name, Map<String, String> environment, List<String> problems) {
        environment.forEach((key, value) -> {
            if (!GRPC_KEY.matcher(key).matches() || value == null) {
                return;
            }
            for (String target : value.split(",")) {
                HostAndPort address = HostAndPort.parse(target.strip());
                if (address != null && scalable.contains(address.host()) && !target.strip().startsWith("dns:")) {
                    problems.add(name + ": " + key + "=" + value + " is one address of scalable " + address.host()
                            + ": dns:///" + target.strip() + " finds every replica");
                }
            }
        });
    }

    /**
     * Prometheus (when the file runs one) scrapes every Bazaar service on its management port, and a
     * scalable service through DNS (type A: one target per replica), never as one fixed target.
     */
    private void checkPrometheus(Map<String, Object> services, List<String> problems) {
        services.forEach((prometheus, definition) -> {
            Map<String, Object> service = map(definition);
            if (!String.valueOf(service.get("image")).startsWith(PROMETHEUS_IMAGE)) {
                return;
            }
            Path config = mountedFile(service, prometheusConfigPath(service));
            if (config == null || !Files.isRegularFile(config)) {
                problems.add(prometheus + ": its configuration " + prometheusConfigPath(service)
                        + " is not mounted from a file of the repository");
                return;
            }
            Set<String> fixedTargets = new TreeSet<>();
            Set<String> discovered = new TreeSet<>();
            for (Object job : list(map(loadAny(config)).get("scrape_configs"))) {
                for (Object staticConfig : list(map(job).get("static_configs"))) {
                    list(map(staticConfig).get("targets")).forEach(target -> fixedTargets.add(String.valueOf(target)));
                }
                for (Object dns : list(map(job).get("dns_sd_configs"))) {
                    Map<String, Object> lookup = map(dns);
                    // Prometheus' default type is SRV, which compose's DNS does not serve
                    if ("A".equals(String.valueOf(lookup.get("type"))) && lookup.get("port") != null) {
                        list(lookup.get("names")).forEach(n -> discovered.add(n + ":" + lookup.get("port")));
                    }
                }
            }
            for (String name : standardKeys.keySet()) {
                if (!services.containsKey(name)) {
                    continue;
                }
                Map<String, String> environment = environment(map(services.get(name)));
                String port = environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.get("SERVER_PORT"));
                String target = name + ":" + (port == null ? "" : port.strip());
                boolean fixed = fixedTargets.stream().anyMatch(t -> t.equals(name) || t.startsWith(name + ":"));
                if (scalable.contains(name)) {
                    if (fixed) {
                        problems.add(prometheus + ": scrapes " + name + " at a fixed target (static_configs), one replica "
                                + "only; dns_sd_configs (type A) finds them all");
                    }
                    if (!discovered.contains(target)) {
                        problems.add(prometheus + ": does not find every replica of " + name + " (dns_sd_configs: names ["
                                + name + "], type A, port " + port + ")");
                    }
                } else if (!discovered.contains(target) && !fixedTargets.contains(target)) {
                    problems.add(prometheus + ": does not scrape " + name + " on its management port " + port);
                }
            }
        });
    }

    private static String prometheusConfigPath(Map<String, Object> service) {
        return list(service.get("command")).stream().map(String::valueOf)
                .filter(argument -> argument.startsWith("--config.file="))
                .map(argument -> argument.substring("--config.file=".length()))
                .findFirst().orElse(PROMETHEUS_DEFAULT_CONFIG);
    }

    /** The file of the repository mounted at a container path, from the short or the long volume syntax. */
    private Path mountedFile(Map<String, Object> service, String containerPath) {
        for (Object volume : list(service.get("volumes"))) {
            String source;
            String target;
            if (volume instanceof Map<?, ?> longSyntax) {
                source = string(longSyntax.get("source"));
                target = string(longSyntax.get("target"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                source = parts[0];
                target = parts.length > 1 ? parts[1] : null;
            }
            if (containerPath.equals(target) && source != null && (source.startsWith(".") || source.startsWith("/"))) {
                return root.resolve(source).normalize();
            }
        }
        return null;
    }

    /** One issuer for every service, and the browser must reach it: a published port. */
    private static void checkIssuer(Map<String, Object> services, Map<Integer, String> hostPorts, List<String> problems) {
        Set<String> issuers = new TreeSet<>();
        services.values().forEach(s -> {
            String issuer = environment(map(s)).get(ISSUER_KEY);
            if (issuer != null) {
                issuers.add(issuer);
            }
        });
        if (issuers.size() > 1) {
            problems.add(ISSUER_KEY + " differs between services: " + issuers);
        }
        for (String issuer : issuers) {
            HostAndPort address = HostAndPort.parse(issuer);
            if (address == null || address.port() == null || !hostPorts.containsKey(address.port())) {
                problems.add(ISSUER_KEY + "=" + issuer + " is not a port published to the host");
            }
        }
    }

    // ---- reading the model ----

    private static List<String> profiles(Map<String, String> environment) {
        String active = environment.get("SPRING_PROFILES_ACTIVE");
        return active == null ? List.of()
                : Arrays.stream(active.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    /** A container's environment as a map, from either of Compose's forms; {@code KEY} alone maps to null. */
    static Map<String, String> environment(Map<String, Object> service) {
        return keyValues(service.get("environment"));
    }

    /** {@code KEY: value} pairs from either of Compose's forms (a map or a list of {@code KEY=value}). */
    private static Map<String, String> keyValues(Object raw) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                pairs.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        } else {
            map(raw).forEach((key, value) -> pairs.put(key, value == null ? null : String.valueOf(value)));
        }
        return pairs;
    }

    private static Set<Integer> servedPorts(Map<String, String> environment) {
        Set<Integer> ports = new TreeSet<>();
        for (String key : List.of("SERVER_PORT", "SPRING_GRPC_SERVER_PORT", "MANAGEMENT_SERVER_PORT")) {
            if (environment.get(key) != null) {
                ports.add(Integer.parseInt(environment.get(key).strip()));
            }
        }
        return ports;
    }

    private static boolean hasHealthcheck(Map<String, Object> service) {
        Map<String, Object> healthcheck = map(service.get("healthcheck"));
        Object test = healthcheck.get("test");
        if (Boolean.TRUE.equals(healthcheck.get("disable")) || test == null) {
            return false;
        }
        return !(test instanceof List<?> list && (list.isEmpty() || "NONE".equals(String.valueOf(list.getFirst()))));
    }

    private static Long memoryLimitBytes(Map<String, Object> service) {
        Object limit = service.get("mem_limit");
        if (limit == null) {
            limit = map(map(map(service.get("deploy")).get("resources")).get("limits")).get("memory");
        }
        if (limit == null) {
            return null;
        }
        Matcher matcher = MEMORY.matcher(String.valueOf(limit));
        if (!matcher.matches()) {
            return null;
        }
        double amount = Double.parseDouble(matcher.group(1));
        int shift = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return (long) (amount * (1L << shift));
    }

    /** Host ports a container publishes, from the short ({@code [ip:]host:container[/proto]}) or long syntax. */
    private static Set<Integer> hostPorts(Map<String, Object> service) {
        Set<Integer> ports = new LinkedHashSet<>();
        Object raw = service.get("ports");
        if (!(raw instanceof List<?> list)) {
            return ports;
        }
        for (Object entry : list) {
            String published;
            if (entry instanceof Map<?, ?> longSyntax) {
                published = longSyntax.get("published") == null ? null : String.valueOf(longSyntax.get("published"));
            } else {
                String text = String.valueOf(entry).replaceFirst("/\\w+$", "").replaceFirst("^\\[[^]]*]:", "");
                String[] parts = text.split(":");
                published = parts.length >= 2 ? parts[parts.length - 2] : null;
            }
            if (published == null || published.isBlank()) {
                continue;
            }
            String[] range = published.split("-");
            for (int port = Integer.parseInt(range[0]); port <= Integer.parseInt(range[range.length - 1]); port++) {
                ports.add(port);
            }
        }
        return ports;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Compose duration ({@code 30s}, {@code 1m30s}, {@code 1.5m}), or null if it is none. */
    static Duration duration(String text) {
        String compact = text.strip();
        Matcher matcher = DURATION_PART.matcher(compact);
        Duration total = Duration.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            long nanosPerUnit = switch (matcher.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                default -> 1_000L;
            };
            total = total.plusNanos((long) (amount * nanosPerUnit));
            end = matcher.end();
        }
        return end == compact.length() && end > 0 ? total : null;
    }

    private static Object loadAny(Path file) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object node) {
        return node == null ? null : String.valueOf(node);
    }

    /** The host and port of an address value: a URL ({@code http://h:1}, {@code jdbc:postgresql://h:1/db}), {@code h:1} or {@code h}. */
    record HostAndPort(String host, Integer port) {

        static HostAndPort parse(String value) {
            String text = value.startsWith("jdbc:") ? value.substring("jdbc:".length()) : value;
            if (text.startsWith("dns:")) {
                // a gRPC DNS target, dns:[//resolver/]host:port: the host and port follow the last slash
                text = text.substring("dns:".length());
                text = text.substring(text.lastIndexOf('/') + 1);
            }
            if (text.contains("://")) {
                URI uri = URI.create(text);
                return uri.getHost() == null ? null : new HostAndPort(uri.getHost(), uri.getPort() < 0 ? null : uri.getPort());
            }
            String[] parts = text.split(":");
            if (parts.length > 2 || parts[0].isBlank() || !parts[0].matches("[A-Za-z0-9._-]+")) {
                return null;
            }
            return new HostAndPort(parts[0], parts.length == 2 ? Integer.valueOf(parts[1]) : null);
        }
    }
}
