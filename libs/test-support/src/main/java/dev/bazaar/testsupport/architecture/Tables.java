package dev.bazaar.testsupport.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Table names: the ones Flyway migrations create, and the ones a string literal in Java
 * names as SQL does ({@code from}, {@code into}, {@code update}, {@code join}, {@code table}).
 */
final class Tables {

    private static final Pattern CREATED = Pattern.compile(
            "(?i)\\bcreate\\s+(?:unlogged\\s+)?(?:or\\s+replace\\s+)?(?:materialized\\s+)?(?:table|view)\\s+"
                    + "(?:if\\s+not\\s+exists\\s+)?(?:\\w+\\.)?\"?(\\w+)");
    private static final Pattern RENAMED = Pattern.compile(
            "(?i)\\balter\\s+table\\s+(?:if\\s+exists\\s+)?(?:\\w+\\.)?\"?\\w+\"?\\s+rename\\s+to\\s+\"?(\\w+)");
    private static final Pattern DROPPED = Pattern.compile(
            "(?i)\\bdrop\\s+(?:materialized\\s+)?(?:table|view)\\s+(?:if\\s+exists\\s+)?(?:\\w+\\.)?\"?(\\w+)");

    /** A literal is read as SQL only if it reads like SQL, so that prose "... from stock" is left alone. */
    private static final Pattern SQL = Pattern.compile(
            "(?i)\\b(select|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from|lock\\s+table|truncate|where|join"
                    + "|returning|on\\s+conflict)\\b");
    private static final Pattern NAMED = Pattern.compile(
            "(?i)\\b(?:from|into|update|join|table|truncate)\\s+(?:only\\s+)?(?:\\w+\\.)?\"?([a-z_][a-z0-9_]*)");

    private Tables() {
    }

    /** The tables and views the migrations in {@code directory} leave behind; none if there is no such directory. */
    static Set<String> createdIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<String> scripts = files.filter(file -> file.toString().endsWith(".sql")).sorted()
                    .map(Tables::readString).toList();
            return created(scripts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables the migrations on the class path matching {@code pattern} create, e.g. {@code classpath*:db/messaging/*.sql}. */
    static Set<String> createdOnClassPath(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            List<String> scripts = Stream.of(resources).map(Tables::readString).toList();
            return created(scripts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> created(List<String> scripts) {
        Set<String> tables = new LinkedHashSet<>();
        for (String script : scripts) {
            String sql = script.replaceAll("--[^\\n]*", " ");
            addAll(tables, CREATED.matcher(sql));
            addAll(tables, RENAMED.matcher(sql));
            Matcher dropped = DROPPED.matcher(sql);
            while (dropped.find()) {
                tables.remove(dropped.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(tables);
    }

    /** The names among {@code known} that {@code literal} names as SQL does. */
    static Set<String> namedIn(String literal, Set<String> known) {
        if (!SQL.matcher(literal).find()) {
            return Set.of();
        }
        Set<String> named = new LinkedHashSet<>();
        Matcher matcher = NAMED.matcher(literal);
        while (matcher.find()) {
            String table = matcher.group(1).toLowerCase(Locale.ROOT);
            if (known.contains(table)) {
                named.add(table);
            }
        }
        return named;
    }

    private static void addAll(Set<String> tables, Matcher matcher) {
        while (matcher.find()) {
            tables.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
