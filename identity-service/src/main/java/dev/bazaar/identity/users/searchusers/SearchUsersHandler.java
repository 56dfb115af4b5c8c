package dev.bazaar.identity.users.searchusers;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserRepository;

/** Substring search over email and display name, ordered by email. */
@Service
class SearchUsersHandler {

    private final UserRepository users;

    SearchUsersHandler(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    PageOf<User> search(SearchUsers query) {
        return users.search(query.q(), query.pageRequest());
    }
}
