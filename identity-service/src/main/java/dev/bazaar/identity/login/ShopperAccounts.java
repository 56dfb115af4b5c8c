package dev.bazaar.identity.login;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.bazaar.identity.users.UserRepository;

/**
 * Users as Spring Security signs them in: found by email, named by their id. The id
 * becomes the principal name, hence the {@code sub} of their tokens and the key of their
 * stored authorizations. Spring's own {@link User} type is used on purpose: the
 * authorization service stores the principal as JSON and reads back only known types.
 */
class ShopperAccounts implements UserDetailsService {

    private final UserRepository users;

    ShopperAccounts(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(email)
                .map(user -> User.withUsername(user.id().toString())
                        .password(user.passwordHash())
                        .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                        .disabled(!user.enabled())
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
