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
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.Parameter;
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
    @Operation(summary = "Replace a user's roles (role ADMIN); tokens issued from now on carry them",
            description = "Admins only. The list replaces the user's roles as a whole; tokens already issued keep the roles they "
                    + "carry until they expire. The last enabled ADMIN cannot lose the role, so Bazaar always has an admin.")
    @ApiResponse(responseCode = "200", description = "The user with the new roles")
    @ApiResponse(responseCode = "400", description = "Unknown role or empty list (problem+json naming the field)")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No such user")
    @ApiResponse(responseCode = "409", description = "The user is the last enabled ADMIN (problem last-admin)")
    UserView change(@Parameter(description = "The user's id, as registering answered or the user search lists it",
            example = "6e0d5c4b-3a29-4f18-8e07-d6c5b4a39281") @PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "shopper", summary = "A shopper, nothing more", value = """
                            {"roles": ["CUSTOMER"]}""")))
            @Valid @RequestBody ChangeRoles command, @AuthenticationPrincipal Jwt admin) {
        return UserView.of(handler.change(id, command, admin.getSubject()));
    }
}
