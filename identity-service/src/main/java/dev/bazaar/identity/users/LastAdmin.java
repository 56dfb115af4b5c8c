package dev.bazaar.identity.users;

import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** Bazaar always keeps one enabled ADMIN: without one, no one could administer it any more. */
public class LastAdmin extends ProblemException {

    public LastAdmin(UUID id) {
        super(HttpStatus.CONFLICT, "last-admin", "Last admin",
                "User " + id + " is the last enabled admin: make another user ADMIN first");
    }
}
