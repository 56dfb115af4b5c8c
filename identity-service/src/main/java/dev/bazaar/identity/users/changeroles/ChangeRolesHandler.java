package dev.bazaar.identity.users.changeroles;

import java.util.EnumSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserNotFound;
import dev.bazaar.identity.users.UserRepository;

@Service
class ChangeRolesHandler {

    private static final Logger log = LoggerFactory.getLogger(ChangeRolesHandler.class);

    private final UserRepository users;

    ChangeRolesHandler(UserRepository users) {
        this.users = users;
    }

    @Transactional
    User change(UUID id, ChangeRoles command, String adminId) {
        User user = users.updateRoles(id, EnumSet.copyOf(command.roles())).orElseThrow(() -> new UserNotFound(id));
        log.atInfo().addKeyValue("userId", id).addKeyValue("roles", user.roles()).addKeyValue("by", adminId)
                .log("roles changed");
        return user;
    }
}
