package dev.bazaar.identity.keys;

import org.springframework.http.HttpStatus;

import dev.bazaar.defaults.problem.ProblemException;

/** No key with this kid is known: never created here, or retired long enough ago to be removed. */
public class SigningKeyNotFound extends ProblemException {

    SigningKeyNotFound(String kid) {
        super(HttpStatus.NOT_FOUND, "signing-key-not-found", "Signing key not found", "There is no signing key " + kid);
    }
}
