package dev.bazaar.e2e.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The environment keys each Bazaar service must be given, from {@value #FILE} (one list for
 * docker-compose.yml and deploy/k8s alike) and from the service's own configuration: every
 * {@code ${ENV_VAR}} placeholder without a default in its application.yml and in the
 * application-&lt;profile&gt;.yml of each active profile. A placeholder with a default
 * ({@code ${VAR:value}}) is optional, though one nested in that default counts as required (it is
 * needed whenever VAR is unset); one in lower case ({@code ${spring.application.name}}) names a
 * property, not an environment variable.
 *
 * @param root              the repository root, where each service's configuration is found
 * @param listed            for each service (= Maven module), the keys it needs in every profile
 * @param outsideDevProfile the keys it needs as well when the dev profile, whose defaults fit a
 *                          developer's machine only, is not active
 */
public record RequiredKeys(Path root, Map<String, Set<String>> listed, Map<String, Set<String>> outsideDevProfile) {

    public static final String FILE = "deploy/required-keys.yml";
    private static final String DEV_PROFILE = "dev";
    private static final Pattern ENV_PLACEHOLDER_WITHOUT_DEFAULT = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    public static RequiredKeys load(Path root) {
        Map<?, ?> file;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(root.resolve(FILE))) {
            file = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RequiredKeys(root, keysPerService(file.get("services")), keysPerService(file.get("outside-dev-profile")));
    }

    /** The services the file lists. */
    public Set<String> services() {
        return listed.keySet();
    }

    /** Every key the service needs under these profiles, each with where the need comes from. */
    public Map<String, String> of(String service, List<String> profiles) {
        Map<String, String> required = new LinkedHashMap<>();
        listed.getOrDefault(service, Set.of()).forEach(key -> required.put(key, FILE));
        if (!profiles.contains(DEV_PROFILE)) {
            outsideDevProfile.getOrDefault(service, Set.of())
                    .forEach(key -> required.putIfAbsent(key, FILE + " (outside the dev profile)"));
        }
        placeholders(root, service, profiles).forEach(required::putIfAbsent);
        return required;
    }

    /** The keys the service's configuration files ask for without a default, each with its file. */
    public static Map<String, String> placeholders(Path root, String service, List<String> profiles) {
        Map<String, String> required = new LinkedHashMap<>();
        for (Path file : configFiles(root, service, profiles)) {
            for (String key : placeholdersWithoutDefault(file)) {
                required.putIfAbsent(key, "a placeholder without default in " + root.relativize(file));
            }
        }
        return required;
    }

    /** {@code ${ENV_VAR}} placeholders without a default in the values of a YAML or properties file. */
    public static Set<String> placeholdersWithoutDefault(Path configFile) {
        Set<String> keys = new TreeSet<>();
        for (String value : values(configFile)) {
            Matcher matcher = ENV_PLACEHOLDER_WITHOUT_DEFAULT.matcher(value);
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
        }
        return keys;
    }

    private static Map<String, Set<String>> keysPerService(Object section) {
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        if (section instanceof Map<?, ?> services) {
            services.forEach((service, list) -> {
                Set<String> names = new LinkedHashSet<>();
                if (list instanceof List<?> entries) {
                    entries.forEach(entry -> names.add(String.valueOf(entry)));
                }
                keys.put(String.valueOf(service), Set.copyOf(names));
            });
        }
        return Map.copyOf(keys);
    }

    private static List<Path> configFiles(Path root, String service, List<String> profiles) {
        Path resources = root.resolve(service).resolve("src/main/resources");
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("application"));
        profiles.forEach(profile -> names.add("application-" + profile));
        for (String name : names) {
            for (String extension : List.of(".yml", ".yaml", ".properties")) {
                Path file = resources.resolve(name + extension);
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static List<String> values(Path configFile) {
        List<String> values = new ArrayList<>();
        if (configFile.toString().endsWith(".properties")) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            properties.values().forEach(v -> values.add(String.valueOf(v)));
            return values;
        }
        try {
            // every document: a profile-specific one would be needed too when its profile is active
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(configFile))) {
                collectScalars(document, values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static void collectScalars(Object node, List<String> into) {
        switch (node) {
            case Map<?, ?> m -> m.values().forEach(v -> collectScalars(v, into));
            case List<?> l -> l.forEach(v -> collectScalars(v, into));
            case null -> { }
            default -> into.add(String.valueOf(node));
        }
    }
}
