package dev.bazaar.identity.users.enableuser;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserNotFound;
import dev.bazaar.identity.users.UserRepository;

@Service
class EnableUserHandler {

    private static final Logger log = LoggerFactory.getLogger(EnableUserHandler.class);

    private final UserRepository users;

    EnableUserHandler(UserRepository users) {
        this.users = users;
    }

    @Transactional
    User enable(UUID id, String adminId) {
        User user = users.setEnabled(id, true).orElseThrow(() -> new UserNotFound(id));
        log.atInfo().addKeyValue("userId", id).addKeyValue("by", adminId).log("user enabled");
        return user;
    }
}
