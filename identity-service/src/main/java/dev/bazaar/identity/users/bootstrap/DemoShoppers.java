package dev.bazaar.identity.users.bootstrap;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.bazaar.identity.users.Role;
import dev.bazaar.identity.users.UserRepository;

/** Demo shoppers for a developer's machine (dev profile only); their passwords are in the README. */
@Component
@Profile("dev")
class DemoShoppers implements ApplicationRunner {

    record Shopper(String email, String displayName, String password) {
    }

    static final List<Shopper> SHOPPERS = List.of(
            new Shopper("alice@bazaar.dev", "Alice", "Alice-dev-password-1"),
            new Shopper("bob@bazaar.dev", "Bob", "Bob-dev-password-1"),
            new Shopper("carol@bazaar.dev", "Carol", "Carol-dev-password-1"));

    private final UserRepository users;
    private final PasswordEncoder passwords;

    DemoShoppers(UserRepository users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Shopper shopper : SHOPPERS) {
            if (!users.emailTaken(shopper.email())) {
                users.insertIfAbsent(UUID.randomUUID(), shopper.email(), shopper.displayName(),
                        passwords.encode(shopper.password()), EnumSet.of(Role.CUSTOMER));
            }
        }
    }
}
