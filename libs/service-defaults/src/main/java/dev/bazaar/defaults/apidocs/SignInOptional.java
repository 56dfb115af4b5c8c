package dev.bazaar.defaults.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation that answers with a token or without one (a guest's cart, named by a header
 * instead): its document lists "no security" as the first alternative, so that Swagger UI and
 * generated clients call it either way. The operation keeps its {@code @SecurityRequirement}
 * for the signed-in case.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignInOptional {
}
