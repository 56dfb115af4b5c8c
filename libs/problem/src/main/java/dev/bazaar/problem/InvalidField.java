package dev.bazaar.problem;

/**
 * One entry of a validation problem's {@code errors} member: the field as the caller named it
 * (a JSON path such as {@code lines[0].quantity}, or a parameter name) and what is wrong with it.
 */
public record InvalidField(String field, String message) {
}
