package dev.bazaar.identity.users.changeroles;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.identity.users.LastAdmin;
import dev.bazaar.identity.users.Role;
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
        Set<Role> roles = EnumSet.copyOf(command.roles());
        List<UUID> admins = users.lockEnabledAdmins();
        if (!roles.contains(Role.ADMIN) && admins.equals(List.of(id))) {
            throw new LastAdmin(id);
        }
        User user = users.updateRoles(id, roles).orElseThrow(() -> new UserNotFound(id));
        log.atInfo().addKeyValue("userId", id).addKeyValue("roles", user.roles()).addKeyValue("by", adminId)
                .log("roles changed");
        return user;
    }
}
