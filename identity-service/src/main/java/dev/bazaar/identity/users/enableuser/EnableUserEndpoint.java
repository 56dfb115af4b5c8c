package dev.bazaar.identity.users.enableuser;

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
class EnableUserEndpoint {

    private final EnableUserHandler handler;

    EnableUserEndpoint(EnableUserHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/identity/admin/users/{id}/enable")
    @Operation(summary = "Enable a user again (role ADMIN)")
    @ApiResponse(responseCode = "200", description = "The enabled user (also when enabled already)")
    @ApiResponse(responseCode = "404", description = "No such user")
    UserView enable(@PathVariable UUID id, @AuthenticationPrincipal Jwt admin) {
        return UserView.of(handler.enable(id, admin.getSubject()));
    }
}
