package dev.bazaar.identity.users.getuser;

import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.bazaar.identity.users.UserRepository;
import dev.bazaar.identity.users.UserView;

/** One user, as an admin looks them up. */
@Service
class GetUserHandler {

    private final UserRepository users;

    GetUserHandler(UserRepository users) {
        this.users = users;
    }

    UserView get(UUID id) {
        return UserView.of(users.get(id));
    }
}
