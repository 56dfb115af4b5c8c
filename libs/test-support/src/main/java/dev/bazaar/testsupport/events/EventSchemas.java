package dev.bazaar.testsupport.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.bazaar.testsupport.Contracts;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas of Bazaar's events ({@code contracts/events/<type>.schema.json}), one per
 * event type, each for the whole message as it travels. Tests check every event they see a
 * producer publish ({@link dev.bazaar.testsupport.BrokerEvents} does it for them) and every
 * event they hand-make for a consumer: {@code EventSchemas.contracts().check(message)}.
 */
public final class EventSchemas {

    private static final String SUFFIX = ".schema.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile EventSchemas contracts;

    private final Path directory;
    private final Map<String, Schema> byType;

    private EventSchemas(Path directory, Map<String, Schema> byType) {
        this.directory = directory;
        this.byType = byType;
    }

    /** The committed schemas: {@code contracts/events} of the checkout the test runs in. */
    public static EventSchemas contracts() {
        if (contracts == null) {
            synchronized (EventSchemas.class) {
                if (contracts == null) {
                    contracts = in(contractsDirectory());
                }
            }
        }
        return contracts;
    }

    /** The schemas in a directory, e.g. a copy a test changed. */
    public static EventSchemas in(Path directory) {
        // formats are assertions here, not annotations: an eventId that is not a UUID, or an
        // occurredAt that is not a time, is a broken message
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true).build()));
        Map<String, Schema> byType = new TreeMap<>();
        readAll(directory).forEach((type, schema) -> byType.put(type, registry.getSchema(schema)));
        if (byType.isEmpty()) {
            throw new IllegalStateException("no event schemas (*" + SUFFIX + ") in " + directory);
        }
        return new EventSchemas(directory, byType);
    }

    /** Every schema file of the directory as JSON, by event type (the file name less its suffix). */
    public static Map<String, JsonNode> readAll(Path directory) {
        Map<String, JsonNode> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                schemas.put(name.substring(0, name.length() - SUFFIX.length()), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event schemas in " + directory, e);
        }
        return schemas;
    }

    /** {@code contracts/events}, found upwards from the working directory (a module or the repo root). */
    public static Path contractsDirectory() {
        return Contracts.directory("events");
    }

    public Set<String> types() {
        return byType.keySet();
    }

    /** What is wrong with a message against the schema of its own {@code type}; empty if nothing. */
    public List<String> violations(String message) {
        JsonNode node;
        try {
            node = JSON.readTree(message);
        } catch (JacksonException e) {
            return List.of("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode type = node.path("type");
        if (!type.isString()) {
            return List.of("no string member \"type\", so no schema to check it against");
        }
        Schema schema = byType.get(type.asString());
        if (schema == null) {
            return List.of("no schema for type " + type.asString() + " in " + directory
                    + ": every event type has one (" + type.asString() + SUFFIX + ")");
        }
        return schema.validate(node).stream().map(EventSchemas::describe).toList();
    }

    /** Throws an {@link AssertionError} naming the type and the violations unless the message passes its schema. */
    public void check(String message) {
        List<String> violations = violations(message);
        if (!violations.isEmpty()) {
            // names the event, not its body: an order.order.placed carries a payment token
            throw new AssertionError("event " + member(message, "type") + " (eventId " + member(message, "eventId")
                    + ") does not match its schema in " + directory + ":\n  " + String.join("\n  ", violations));
        }
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }

    private static String member(String message, String name) {
        try {
            return JSON.readTree(message).path(name).asString("(none)");
        } catch (JacksonException e) {
            return "(not JSON)";
        }
    }
}
