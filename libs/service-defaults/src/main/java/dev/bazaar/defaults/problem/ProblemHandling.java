package dev.bazaar.defaults.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.bazaar.problem.InvalidField;
import dev.bazaar.problem.Problem;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;

/**
 * Maps every error to RFC 9457 problem+json, once for all services: domain rules
 * ({@link ProblemException}), validation (naming each field), unreadable bodies (naming
 * the field where possible), and anything unexpected (500, logged, no details leaked).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> domainRule(ProblemException e) {
        return ResponseEntity.status(e.status()).body(Problems.of(e));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<InvalidField> errors = e.getConstraintViolations().stream()
                .map(v -> new InvalidField(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
        return validationFailed(errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return validationFailed(List.of(new InvalidField(e.getName(), "must be a valid " + expected)));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(Problems.forStatus(HttpStatus.FORBIDDEN, "You are not allowed to do this."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(Problems.forStatus(HttpStatus.UNAUTHORIZED, "A valid access token is required."));
    }

    /**
     * A request whose parameters the container or Spring Security's firewall cannot read (a
     * query that is not UTF-8, a parameter name with control characters): the client's fault.
     */
    @ExceptionHandler({RequestRejectedException.class, InvalidParameterException.class})
    ResponseEntity<ProblemDetail> unreadableParameters(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Problems.forStatus(HttpStatus.BAD_REQUEST, "The request's parameters cannot be read."));
    }

    /**
     * The database is unreachable or refused for a moment (a restart, a failover, a lock that
     * timed out): nothing was written, and the same request may be sent again shortly.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.atWarn().setCause(e).log("database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .body(Problems.forStatus(HttpStatus.SERVICE_UNAVAILABLE,
                        "The service cannot reach its database right now. Try again shortly."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.atError().setCause(e).log("unexpected error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(Problems.forStatus(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new InvalidField(error.getField(), String.valueOf(error.getDefaultMessage())));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(error -> errors.add(new InvalidField(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        errors.sort(Comparator.comparing(InvalidField::field));
        return asObject(validationFailed(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error ->
                    errors.add(new InvalidField(String.valueOf(name), String.valueOf(error.getDefaultMessage()))));
        });
        return asObject(validationFailed(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        JacksonException databind = fieldError(e);
        if (databind != null) {
            String field = pathOf(databind);
            String message = switch (databind.getClass().getSimpleName()) {
                case "UnrecognizedPropertyException", "IgnoredPropertyException" -> "is not a known field";
                default -> "has a wrong type or value";
            };
            return asObject(validationFailed(List.of(new InvalidField(field, message))));
        }
        String detail = cause instanceof JacksonException jackson && String.valueOf(jackson.getMessage()).contains("Duplicate field")
                ? "The request body names a field twice."
                : "The request body is not valid JSON.";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body", detail);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            // Spring's own problems (405, 406, 415, ...) come untyped: typed by their status like ours
            boolean untyped = problem.getType() == null || "about:blank".equals(problem.getType().toString());
            body = Problems.of(untyped
                    ? Problem.forStatus(status, problem.getDetail()).members(problem.getProperties())
                    : Problem.from(problem));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<ProblemDetail> validationFailed(List<InvalidField> errors) {
        return ResponseEntity.badRequest().body(Problems.of(Problem.invalidFields(errors)));
    }

    /** The Jackson error that names a field, also when it wraps what a creator threw (e.g. an enum's). */
    private static JacksonException fieldError(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof JacksonException databind && !databind.getPath().isEmpty()) {
                return databind;
            }
        }
        return null;
    }

    private static String pathOf(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lastNode(String propertyPath) {
        // "search.size" -> "size": the caller knows parameters by name, not by Java method
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
