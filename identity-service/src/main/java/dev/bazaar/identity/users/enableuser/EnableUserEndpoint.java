package dev.bazaar.identity.users.enableuser;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "User administration")
@SecurityRequirement(name = "bearer")
class EnableUserEndpoint {

    private final EnableUserHandler handler;

    EnableUserEndpoint(EnableUserHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/identity/admin/users/{id}/enable")
    @Operation(summary = "Enable a user again (role ADMIN)",
            description = "Admins only. The user may sign in again with the password they had; enabling an enabled user "
                    + "changes nothing.")
    @ApiResponse(responseCode = "200", description = "The enabled user (also when enabled already)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No such user")
    UserView enable(@Parameter(description = "The user's id, as registering answered or the user search lists it",
            example = "6e0d5c4b-3a29-4f18-8e07-d6c5b4a39281") @PathVariable UUID id, @AuthenticationPrincipal Jwt admin) {
        return UserView.of(handler.enable(id, admin.getSubject()));
    }
}
