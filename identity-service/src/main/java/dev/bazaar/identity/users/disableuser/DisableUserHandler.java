package dev.bazaar.identity.users.disableuser;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.identity.tokens.AuthorizationStore;
import dev.bazaar.identity.users.LastAdmin;
import dev.bazaar.identity.users.User;
import dev.bazaar.identity.users.UserNotFound;
import dev.bazaar.identity.users.UserRepository;

/**
 * A disabled user can neither sign in nor get a token: their stored authorizations go
 * with the flag, so a pending authorization code or a refresh token stops working at
 * once. Access tokens already issued live out their few minutes. The last enabled admin
 * stays enabled.
 */
@Service
class DisableUserHandler {

    private static final Logger log = LoggerFactory.getLogger(DisableUserHandler.class);

    private final UserRepository users;
    private final AuthorizationStore authorizations;

    DisableUserHandler(UserRepository users, AuthorizationStore authorizations) {
        this.users = users;
        this.authorizations = authorizations;
    }

    @Transactional
    User disable(UUID id, String adminId) {
        if (users.lockEnabledAdmins().equals(List.of(id))) {
            throw new LastAdmin(id);
        }
        User user = users.setEnabled(id, false).orElseThrow(() -> new UserNotFound(id));
        int revoked = authorizations.revokeAllOf(id);
        log.atInfo().addKeyValue("userId", id).addKeyValue("by", adminId)
                .addKeyValue("authorizationsRevoked", revoked).log("user disabled");
        return user;
    }
}
