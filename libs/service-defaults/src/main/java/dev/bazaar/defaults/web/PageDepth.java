package dev.bazaar.defaults.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A list query whose {@code page} and {@code size} (accessors {@code page()} and
 * {@code size()}, {@code Integer} or {@code int}, null for the default) stay within
 * {@link PageRequest#MAX_DEPTH}. Beyond, the query fails validation on {@code page}, so the
 * client gets the usual 400 naming the parameter and the limit. Out-of-range values
 * (a negative page, a size of 0) are left to their own {@code @Min}/{@code @Max}.
 *
 * <pre>
 * &#64;PageDepth
 * public record SearchProducts(..., &#64;Min(0) Integer page, &#64;Min(1) &#64;Max(100) Integer size) { }
 * </pre>
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PageDepthValidator.class)
public @interface PageDepth {

    String message() default PageRequest.TOO_DEEP;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
