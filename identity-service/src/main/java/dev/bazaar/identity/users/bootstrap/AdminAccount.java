package dev.bazaar.identity.users.bootstrap;

import java.util.EnumSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.bazaar.identity.users.Role;
import dev.bazaar.identity.users.UserRepository;

/** Creates the configured admin on first start; an existing account with that email is left alone. */
@Component
class AdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    private final AdminAccountProperties properties;
    private final UserRepository users;
    private final PasswordEncoder passwords;

    AdminAccount(AdminAccountProperties properties, UserRepository users, PasswordEncoder passwords) {
        this.properties = properties;
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured()) {
            log.atWarn().log("no admin account configured: set BAZAAR_ADMIN_EMAIL and BAZAAR_ADMIN_PASSWORD");
            return;
        }
        if (users.emailTaken(properties.email())) {
            return;
        }
        // insert-if-absent: several instances starting at once create one admin
        boolean created = users.insertIfAbsent(UUID.randomUUID(), properties.email().strip(), "Administrator",
                passwords.encode(properties.password()), EnumSet.of(Role.ADMIN, Role.CUSTOMER));
        if (created) {
            log.atInfo().addKeyValue("email", properties.email()).log("admin account created");
        }
    }
}
