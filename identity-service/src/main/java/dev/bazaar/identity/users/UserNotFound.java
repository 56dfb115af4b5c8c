package dev.bazaar.identity.users;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

public class UserNotFound extends ProblemException {

    public UserNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "There is no user " + id);
    }

    public UserNotFound(String subject) {
        super(HttpStatus.NOT_FOUND, "user-not-found", "User not found", "No user signs in as " + subject);
    }
}
