package dev.bazaar.testsupport.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.bazaar.testsupport.Contracts;

/**
 * The published OpenAPI documents (contracts/openapi/), as the judge of every response a suite
 * receives: its status must be one the document of whoever answered declares for the operation,
 * with the declared media type, a body that matches the declared schema, and the declared headers
 * (present where required, each matching its schema). An answer no document declares fails.
 *
 * <p>Who answers: {@link AnsweredBy}. Which operation: the document whose path the request's path
 * is an instance of. A request to a path no document has is answered 404 or 405 by any Bazaar
 * server, as the gateway's document words those two ({@code components.responses}); outside
 * {@code /api/} such a path is not part of the published API (sign-in pages, OAuth2 and OIDC
 * endpoints, Swagger UI, actuator) and is not checked; nor is a CORS preflight ({@code OPTIONS}).
 */
public final class ApiContracts {

    /** Set by api-gateway's stand-in services on every answer they make, so their answers are told from the gateway's. */
    public static final String STAND_IN_HEADER = "X-Bazaar-Stand-In";
    /** The gateway's document: the answers any route may get from the gateway itself, by status. */
    private static final String EVERY_ROUTE = "/x-bazaar-every-route/responses";
    private static final String GATEWAY = "gateway";

    private static volatile ApiContracts published;

    private final Path directory;
    private final List<PublishedDocument> services;
    private final PublishedDocument gateway;

    private ApiContracts(Path directory, List<PublishedDocument> services, PublishedDocument gateway) {
        this.directory = directory;
        this.services = services;
        this.gateway = gateway;
    }

    /** The committed documents: {@code contracts/openapi} of the checkout the test runs in. */
    public static ApiContracts published() {
        if (published == null) {
            synchronized (ApiContracts.class) {
                if (published == null) {
                    published = in(directory());
                }
            }
        }
        return published;
    }

    /** The documents in a directory, e.g. a copy a test changed: {@code <service>.json} and {@code gateway.json}. */
    public static ApiContracts in(Path directory) {
        List<PublishedDocument> services = new ArrayList<>();
        PublishedDocument gateway = null;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                PublishedDocument document = new PublishedDocument(name, Files.readString(file));
                if (GATEWAY.equals(name)) {
                    gateway = document;
                } else {
                    services.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI documents in " + directory, e);
        }
        if (gateway == null || services.isEmpty()) {
            throw new IllegalStateException("no gateway.json and service documents in " + directory);
        }
        return new ApiContracts(directory, services, gateway);
    }

    /** {@code contracts/openapi}, found upwards from the working directory (a module or the repo root). */
    public static Path directory() {
        return Contracts.directory("openapi");
    }

    /** Throws an {@link AssertionError} saying what is wrong unless a published document declares the answer. */
    public void check(Answer answer, AnsweredBy answeredBy) {
        List<String> violations = violations(answer, answeredBy);
        if (!violations.isEmpty()) {
            throw new AssertionError("the answer " + answer + " is not what " + directory + " declares:\n  "
                    + String.join("\n  ", violations) + bodyExcerpt(answer));
        }
    }

    /** What is wrong with the answer; empty if a document declares it. */
    public List<String> violations(Answer answer, AnsweredBy answeredBy) {
        if (answeredBy == AnsweredBy.GATEWAY_ITSELF && answer.header(STAND_IN_HEADER).isPresent()) {
            return List.of();
        }
        if ("OPTIONS".equalsIgnoreCase(answer.method())) {
            return List.of(); // a CORS preflight: the Fetch standard's exchange with the browser, not an operation
        }
        List<Declared> candidates = new ArrayList<>();
        Optional<Declared> operation = operation(answer, answeredBy);
        boolean known = operation.isPresent() || documentHasPath(answer.path(), answeredBy);
        if (!known && !answer.path().startsWith("/api/")) {
            return List.of();
        }
        operation.flatMap(op -> op.document.response(op.pointer, answer.status())
                .map(pointer -> new Declared(op.document, pointer, op.what))).ifPresent(candidates::add);
        if (answeredBy != AnsweredBy.SERVICE) {
            gateway.responseAt(EVERY_ROUTE, answer.status()).map(pointer -> new Declared(gateway, pointer,
                    "the gateway's answer on any route")).ifPresent(candidates::add);
        }
        if (operation.isEmpty()) {
            String unknown = known ? "MethodNotAllowed" : "NotFound";
            if ((known ? 405 : 404) == answer.status()) {
                gateway.componentResponse(unknown).map(pointer -> new Declared(gateway, pointer,
                        "any server's answer to an operation no document has")).ifPresent(candidates::add);
            }
        }
        if (candidates.isEmpty()) {
            return List.of("no document declares status " + answer.status() + " for " + answer.method() + " "
                    + answer.path() + operation.map(op -> " (" + op.what + " declares "
                    + op.document.statuses(op.pointer) + ")").orElse(" (no document has this operation)"));
        }
        List<String> all = new ArrayList<>();
        for (Declared declared : candidates) {
            List<String> violations = declared.document.violations(declared.pointer, answer);
            if (violations.isEmpty()) {
                return List.of();
            }
            violations.forEach(violation -> all.add(declared.what + ": " + violation));
        }
        return all;
    }

    private Optional<Declared> operation(Answer answer, AnsweredBy answeredBy) {
        for (PublishedDocument document : documents(answeredBy)) {
            Optional<String> path = document.pathOf(answer.path());
            if (path.isPresent()) {
                Optional<String> pointer = document.operation(path.get(), answer.method());
                if (pointer.isPresent()) {
                    return Optional.of(new Declared(document, pointer.get(),
                            document.name + ".json " + answer.method() + " " + path.get()));
                }
            }
        }
        return Optional.empty();
    }

    private boolean documentHasPath(String path, AnsweredBy answeredBy) {
        return documents(answeredBy).stream().anyMatch(document -> document.pathOf(path).isPresent());
    }

    private List<PublishedDocument> documents(AnsweredBy answeredBy) {
        if (answeredBy == AnsweredBy.GATEWAY_ITSELF) {
            return List.of(gateway);
        }
        List<PublishedDocument> documents = new ArrayList<>(services);
        if (answeredBy == AnsweredBy.GATEWAY) {
            documents.add(gateway);
        }
        return documents;
    }

    private static String bodyExcerpt(Answer answer) {
        if (!answer.hasBody()) {
            return "";
        }
        String body = answer.body();
        return "\n  body: " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
    }

    /** A response object that may account for an answer, and how to name it. */
    private record Declared(PublishedDocument document, String pointer, String what) {
    }
}
