package dev.bazaar.defaults.apidocs;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The errors the shared problem handling ({@code ProblemHandling}, the resource server's entry
 * point) may answer for an operation whatever its own rules, so that no answer a caller can get is
 * missing from the document. An operation's own description of the same status wins.
 */
final class GeneralErrors {

    private GeneralErrors() {
    }

    static void addTo(Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean takesInput = operation.getRequestBody() != null
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (takesInput) {
            responses.putIfAbsent("400", new ApiResponse().description(
                    "A parameter or the body is malformed or breaks its rules (errors names each field)"));
        }
        if (PublishedApiDocument.secured(operation)) {
            responses.putIfAbsent("401", new ApiResponse().description("No token, or one that is expired, revoked or forged"));
        }
        if (operation.getRequestBody() != null) {
            responses.putIfAbsent("415", new ApiResponse().description("The body is not application/json"));
        }
        responses.putIfAbsent("503", new ApiResponse().description(
                "The service's database, broker or a service it calls is unavailable; nothing was changed (Retry-After)"));
    }
}
