package dev.bazaar.identity.users.me;

import org.springframework.stereotype.Service;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.identity.users.UserNotFound;
import dev.bazaar.identity.users.UserRepository;
import dev.bazaar.identity.users.UserView;

/** The user a token was issued to. */
@Service
class GetMeHandler {

    private final UserRepository users;

    GetMeHandler(UserRepository users) {
        this.users = users;
    }

    UserView me(Caller caller) {
        // a service's client-credentials token names its client id, not a user
        return UserView.of(users.findById(caller.userIdOrElseThrow(() -> new UserNotFound(caller.subject())))
                .orElseThrow(() -> new UserNotFound(caller.subject())));
    }
}
