package dev.bazaar.identity.users.register;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

class EmailTaken extends ProblemException {

    EmailTaken() {
        super(HttpStatus.CONFLICT, "email-taken", "Email taken", "An account with this email address exists already");
    }
}
