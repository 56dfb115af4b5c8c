package dev.bazaar.identity.users.me;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.security.Caller;
import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Accounts")
@SecurityRequirement(name = "bearer")
class GetMeEndpoint {

    private final GetMeHandler handler;

    GetMeEndpoint(GetMeHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/identity/me")
    @Operation(summary = "The signed-in user",
            description = "Whoever the token was issued to: their id, email, name and roles, as an admin would see them. "
                    + "A service's token names no user and answers 404.")
    @ApiResponse(responseCode = "200", description = "The user the token was issued to")
    @ApiResponse(responseCode = "401", description = "No valid token")
    @ApiResponse(responseCode = "404", description = "The token names no user (e.g. a service token)")
    UserView me(@Parameter(hidden = true) Authentication token) {
        return handler.me(Caller.of(token));
    }
}
