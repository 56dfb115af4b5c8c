package dev.bazaar.catalog.categories;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** A product names a category that does not exist: the request is wrong, not the URL. */
public class CategoryNotFound extends ProblemException {

    public CategoryNotFound(UUID id) {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-category", "Unknown category", "No category has id " + id);
    }
}
