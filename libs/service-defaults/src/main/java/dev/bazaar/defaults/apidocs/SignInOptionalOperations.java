package dev.bazaar.defaults.apidocs;

import java.util.ArrayList;
import java.util.List;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * Writes {@link SignInOptional} into the document: OpenAPI's empty security requirement, an
 * alternative that needs nothing, first in the list. Runs per operation, before
 * {@link PublishedApiDocument} adds the sign-in alternative beside the bearer one.
 */
public class SignInOptionalOperations implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean optional = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), SignInOptional.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), SignInOptional.class);
        if (!optional) {
            return operation;
        }
        List<SecurityRequirement> security = new ArrayList<>();
        security.add(new SecurityRequirement());
        if (operation.getSecurity() != null) {
            operation.getSecurity().stream().filter(requirement -> !requirement.isEmpty()).forEach(security::add);
        }
        operation.setSecurity(security);
        return operation;
    }
}
