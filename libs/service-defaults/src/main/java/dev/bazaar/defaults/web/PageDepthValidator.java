package dev.bazaar.defaults.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PageDepth}: the page's last item, (page + 1) × size, at most {@link PageRequest#MAX_DEPTH}. */
public class PageDepthValidator implements ConstraintValidator<PageDepth, Object> {

    private record Accessors(Method page, Method size) {
    }

    // looked up once per query type; the annotation is only ever put on a handful of records
    private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
        @Override
        protected Accessors computeValue(Class<?> type) {
            try {
                Method page = type.getMethod("page");
                Method size = type.getMethod("size");
                page.setAccessible(true);
                size.setAccessible(true);
                return new Accessors(page, size);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("@PageDepth needs page() and size() on " + type.getName(), e);
            }
        }
    };

    @Override
    public boolean isValid(Object query, ConstraintValidatorContext context) {
        if (query == null) {
            return true;
        }
        Accessors accessors = ACCESSORS.get(query.getClass());
        Number page = read(accessors.page(), query);
        Number size = read(accessors.size(), query);
        long pageNumber = page == null ? 0 : page.longValue();
        long pageSize = size == null ? PageRequest.DEFAULT_SIZE : size.longValue();
        if (pageNumber < 0 || pageSize < 1 || !PageRequest.reachesPastMaxDepth(pageNumber, pageSize)) {
            return true;
        }
        // reported on page, the parameter that goes too deep, so the 400 names one the client sent
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("page").addConstraintViolation();
        return false;
    }

    private static Number read(Method accessor, Object query) {
        try {
            return (Number) accessor.invoke(query);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + accessor, e);
        }
    }
}
