package dev.bazaar.defaults.problem;

import org.springframework.http.HttpStatus;

import dev.bazaar.problem.Problem;

/** A request that is well-formed but asks for something that cannot be (a rule across fields). */
public class BadRequest extends ProblemException {

    public BadRequest(String detail) {
        super(HttpStatus.BAD_REQUEST, Problem.VALIDATION, Problem.VALIDATION_TITLE, detail);
    }
}
