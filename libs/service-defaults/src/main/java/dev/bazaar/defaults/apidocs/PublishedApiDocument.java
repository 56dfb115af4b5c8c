package dev.bazaar.defaults.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * What every service's OpenAPI document says the same way, so that the document tells the truth
 * (contracts/openapi/ holds the published copies, README "Contracts"):
 * <ul>
 * <li>one server, the gateway, as a relative URL: the document is read through the gateway's
 * Swagger UI, and the same bytes serve every deployment (no host in them);</li>
 * <li>sign-in as an alternative wherever a bearer token is accepted (authorization code with PKCE
 * against identity's endpoints on the gateway), again relative;</li>
 * <li>every error as {@code application/problem+json} with the {@link ProblemSchema problem
 * schema}, and the errors the shared problem handling may answer for any operation
 * ({@link GeneralErrors}) beside those the operation declares;</li>
 * <li>every object schema closed ({@code additionalProperties: false}) but the problem's, whose
 * extension members vary: the services read JSON strictly and write only what their records
 * hold, so a member the schema does not name is a renamed or a new field the document missed;</li>
 * <li>a member the schema does not require may be null as well as absent: the services write a
 * record's empty fields as null (a product without an image, a payment not yet failed).</li>
 * </ul>
 */
public class PublishedApiDocument implements OpenApiCustomizer {

    public static final String BEARER = "bearer";
    public static final String SIGN_IN = "oauth2";
    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getInfo().setContact(new Contact().name("Bazaar maintainers"));
        openApi.setServers(List.of(new Server().url("/")
                .description("The Bazaar gateway: every operation is called through it")));
        openApi.getComponents().addSecuritySchemes(SIGN_IN, signIn());
        closeObjectSchemas(openApi);
        ProblemSchema.addTo(openApi.getComponents());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            alsoAcceptSignIn(operation);
            typeUntypedParameters(operation);
            GeneralErrors.addTo(operation);
            answerErrorsAsProblems(operation.getResponses());
        }));
        sortResponses(openApi);
    }

    private static void closeObjectSchemas(OpenAPI openApi) {
        if (openApi.getComponents().getSchemas() == null) {
            return;
        }
        openApi.getComponents().getSchemas().values().stream()
                .filter(schema -> schema.getProperties() != null && schema.getAdditionalProperties() == null)
                .forEach(schema -> {
                    schema.setAdditionalProperties(false);
                    allowNullWhereNotRequired(schema);
                });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void allowNullWhereNotRequired(Schema<?> schema) {
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = (Map) schema.getProperties();
        properties.replaceAll((name, property) -> {
            if (required.contains(name)) {
                return property;
            }
            if (property.get$ref() != null) {
                // OpenAPI 3.1 gives a reference no siblings but these: "this object, or null"
                return new Schema<>().description(property.getDescription())
                        .anyOf(List.of(new Schema<>().$ref(property.get$ref()),
                                new Schema<>().typesItem("null")));
            }
            Set<String> types = property.getTypes() != null ? new LinkedHashSet<>(property.getTypes())
                    : property.getType() != null ? new LinkedHashSet<>(List.of(property.getType())) : null;
            if (types != null && !types.contains("null")) {
                types.add("null");
                property.setTypes(types);
                if (property.getEnum() != null) {
                    // an enum lists its values, and so null too (an order's cancelReason before it is cancelled)
                    List values = new ArrayList<>(property.getEnum());
                    values.add(null);
                    property.setEnum(values);
                }
            }
            return property;
        });
    }

    private static SecurityScheme signIn() {
        return new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("Sign in with a Bazaar account (authorization code with PKCE, client bazaar-web).")
                .flows(new OAuthFlows().authorizationCode(new OAuthFlow()
                        .authorizationUrl("/oauth2/authorize")
                        .tokenUrl("/oauth2/token")
                        .scopes(new Scopes()
                                .addString("openid", "who you are")
                                .addString("profile", "your name")
                                .addString("email", "your email address"))));
    }

    // security requirements are alternatives: where a bearer token is accepted, the token from signing in is too
    private static void alsoAcceptSignIn(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security == null || security.stream().noneMatch(requirement -> requirement.containsKey(BEARER))
                || security.stream().anyMatch(requirement -> requirement.containsKey(SIGN_IN))) {
            return;
        }
        List<SecurityRequirement> both = new ArrayList<>(security);
        both.add(new SecurityRequirement().addList(SIGN_IN));
        operation.setSecurity(both);
    }

    // a header declared by name only (@Parameter(in = HEADER)) is a string; the document must say so
    private static void typeUntypedParameters(Operation operation) {
        if (operation.getParameters() != null) {
            operation.getParameters().stream()
                    .filter(parameter -> parameter.getSchema() == null && parameter.getContent() == null)
                    .forEach(parameter -> parameter.setSchema(new StringSchema()));
            // springdoc reads an example as JSON where it can: a header's "1" would become the number 1
            operation.getParameters().stream()
                    .filter(parameter -> isString(parameter.getSchema())
                            && parameter.getExample() != null && !(parameter.getExample() instanceof String))
                    .forEach(parameter -> parameter.setExample(parameter.getExample().toString()));
        }
    }

    // OpenAPI 3.1's models keep the type in a set; 3.0's in one field
    private static boolean isString(Schema<?> schema) {
        return schema != null && ("string".equals(schema.getType())
                || schema.getTypes() != null && schema.getTypes().contains("string"));
    }

    private static void answerErrorsAsProblems(ApiResponses responses) {
        responses.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(ProblemSchema.reference())));
            }
        });
    }

    // by status, so that the document reads in order and the same code gives the same bytes
    private static void sortResponses(OpenAPI openApi) {
        for (PathItem path : openApi.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                Map<String, ApiResponse> sorted = new TreeMap<>(operation.getResponses());
                ApiResponses responses = new ApiResponses();
                responses.putAll(new LinkedHashMap<>(sorted));
                operation.setResponses(responses);
            }
        }
    }

    static boolean secured(Operation operation) {
        return operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    }
}
