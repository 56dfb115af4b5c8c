package dev.bazaar.identity.users.getuser;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
class GetUserEndpoint {

    private final GetUserHandler handler;

    GetUserEndpoint(GetUserHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/identity/admin/users/{id}")
    @Operation(summary = "One user by id (role ADMIN)",
            description = "Admins only. The user's email, name, roles and whether they are enabled; never a password.")
    @ApiResponse(responseCode = "200", description = "The user")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No such user")
    UserView get(@Parameter(description = "The user's id, as registering answered or the user search lists it",
            example = "6e0d5c4b-3a29-4f18-8e07-d6c5b4a39281") @PathVariable UUID id) {
        return handler.get(id);
    }
}
