package dev.bazaar.identity.users.disableuser;

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
class DisableUserEndpoint {

    private final DisableUserHandler handler;

    DisableUserEndpoint(DisableUserHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/identity/admin/users/{id}/disable")
    @Operation(summary = "Disable a user (role ADMIN): no more sign-ins or tokens; pending codes and refresh tokens are revoked",
            description = "Admins only. The user can no longer sign in or get tokens, and orders placed with a token they still "
                    + "hold are refused. Disabling a disabled user changes nothing. The last enabled ADMIN cannot be disabled.")
    @ApiResponse(responseCode = "200", description = "The disabled user (also when disabled already)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No such user")
    @ApiResponse(responseCode = "409", description = "The user is the last enabled ADMIN (problem last-admin)")
    UserView disable(@Parameter(description = "The user's id, as registering answered or the user search lists it",
            example = "6e0d5c4b-3a29-4f18-8e07-d6c5b4a39281") @PathVariable UUID id, @AuthenticationPrincipal Jwt admin) {
        return UserView.of(handler.disable(id, admin.getSubject()));
    }
}
