package dev.bazaar.identity.users.disableuser;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(summary = "Disable a user (role ADMIN): no more sign-ins or tokens; pending codes and refresh tokens are revoked")
    @ApiResponse(responseCode = "200", description = "The disabled user (also when disabled already)")
    @ApiResponse(responseCode = "404", description = "No such user")
    @ApiResponse(responseCode = "409", description = "The user is the last enabled ADMIN (problem last-admin)")
    UserView disable(@PathVariable UUID id, @AuthenticationPrincipal Jwt admin) {
        return UserView.of(handler.disable(id, admin.getSubject()));
    }
}
