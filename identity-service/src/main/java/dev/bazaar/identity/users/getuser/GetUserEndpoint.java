package dev.bazaar.identity.users.getuser;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
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
    @Operation(summary = "One user by id (role ADMIN)")
    @ApiResponse(responseCode = "200", description = "The user")
    @ApiResponse(responseCode = "400", description = "The id is not a UUID")
    @ApiResponse(responseCode = "404", description = "No such user")
    UserView get(@PathVariable UUID id) {
        return handler.get(id);
    }
}
