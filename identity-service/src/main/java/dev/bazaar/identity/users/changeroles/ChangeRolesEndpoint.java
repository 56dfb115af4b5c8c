package dev.bazaar.identity.users.changeroles;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "User administration")
@SecurityRequirement(name = "bearer")
class ChangeRolesEndpoint {

    private final ChangeRolesHandler handler;

    ChangeRolesEndpoint(ChangeRolesHandler handler) {
        this.handler = handler;
    }

    @PutMapping("/api/identity/admin/users/{id}/roles")
    @Operation(summary = "Replace a user's roles (role ADMIN); tokens issued from now on carry them")
    @ApiResponse(responseCode = "200", description = "The user with the new roles")
    @ApiResponse(responseCode = "400", description = "Unknown role or empty list (problem+json naming the field)")
    @ApiResponse(responseCode = "404", description = "No such user")
    @ApiResponse(responseCode = "409", description = "The user is the last enabled ADMIN (problem last-admin)")
    UserView change(@PathVariable UUID id, @Valid @RequestBody ChangeRoles command, @AuthenticationPrincipal Jwt admin) {
        return UserView.of(handler.change(id, command, admin.getSubject()));
    }
}
