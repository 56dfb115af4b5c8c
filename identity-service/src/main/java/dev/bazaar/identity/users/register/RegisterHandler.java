package dev.bazaar.identity.users.register;

import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.bazaar.identity.users.CustomerEvents;
import dev.bazaar.identity.users.Role;
import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserRepository;
import dev.bazaar.messaging.Outbox;

@Service
class RegisterHandler {

    private static final Logger log = LoggerFactory.getLogger(RegisterHandler.class);

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Outbox outbox;
    private final TransactionTemplate transaction;

    RegisterHandler(UserRepository users, PasswordEncoder passwords, Outbox outbox, TransactionTemplate transaction) {
        this.users = users;
        this.passwords = passwords;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** Creates a customer and records identity.customer.registered in the same transaction. */
    User register(Register command) {
        String email = command.email().strip();
        String displayName = command.displayName().strip();
        // A taken email is answered before hashing: the hash costs ~100 ms of CPU on purpose, and only a
        // sign-up that will create an account should pay it. Hashing happens outside the transaction, so
        // no pooled connection waits for it; the unique index still decides a race between the check and
        // the insert.
        if (users.emailTaken(email)) {
            throw new EmailTaken();
        }
        String hash = passwords.encode(command.password());
        User user = transaction.execute(status -> {
            UUID id = UUID.randomUUID();
            try {
                users.insert(id, email, displayName, hash, Set.of(Role.CUSTOMER));
            } catch (DuplicateKeyException e) {
                // another sign-up with this email committed between the check and the insert
                throw new EmailTaken();
            }
            User created = users.get(id);
            outbox.append(CustomerEvents.REGISTERED, id.toString(), created.version(),
                    new CustomerEvents.Registered(id, created.email(), created.displayName()));
            return created;
        });
        log.atInfo().addKeyValue("userId", user.id()).log("customer registered");
        return user;
    }
}
