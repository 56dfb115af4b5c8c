package dev.bazaar.defaults.apidocs;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * RFC 9457's problem document as Bazaar answers it ({@code dev.bazaar.problem.Problem}): the
 * standard members, the {@code traceId}, the {@code errors} of a request whose fields break their
 * rules, and room for the members a particular problem adds (named in its response's description,
 * e.g. {@code shortLines} or {@code cart}).
 */
final class ProblemSchema {

    static final String NAME = "Problem";
    static final String INVALID_FIELD = "InvalidField";

    private ProblemSchema() {
    }

    static Schema<?> reference() {
        return new Schema<>().$ref("#/components/schemas/" + NAME);
    }

    static void addTo(Components components) {
        components.addSchemas(INVALID_FIELD, new ObjectSchema()
                .description("A field of the request that breaks its rules")
                .addProperty("field", new StringSchema()
                        .description("The field as the caller named it: a JSON path such as lines[0].quantity, or a parameter")
                        .example("lines[0].quantity"))
                .addProperty("message", new StringSchema().description("What is wrong with it").example("must be at least 1"))
                .required(List.of("field", "message")));
        components.addSchemas(NAME, new ObjectSchema()
                .description("An RFC 9457 problem document; members beyond these are named in the response's description")
                .addProperty("type", new StringSchema().description("The problem's stable identifier, urn:bazaar:problem:<slug>")
                        .example("urn:bazaar:problem:validation"))
                .addProperty("title", new StringSchema().description("A short summary of the problem type").example("Invalid request"))
                .addProperty("status", new IntegerSchema().description("The HTTP status").example(400))
                .addProperty("detail", new StringSchema().description("What happened to this request")
                        .example("These fields are invalid: lines[0].quantity"))
                .addProperty("instance", new StringSchema().description("The request's path, where it helps"))
                .addProperty("traceId", new StringSchema().description("The trace of this request, for support")
                        .example("4bf92f3577b34da6a3ce929d0e0e4736"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + INVALID_FIELD))
                        .description("For a validation problem: each field that breaks its rules"))
                .required(List.of("type", "title", "status"))
                .additionalProperties(true));
    }
}
