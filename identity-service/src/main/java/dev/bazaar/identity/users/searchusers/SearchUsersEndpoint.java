package dev.bazaar.identity.users.searchusers;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.defaults.web.PageOf;
import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "User administration")
@SecurityRequirement(name = "bearer")
class SearchUsersEndpoint {

    private final SearchUsersHandler handler;

    SearchUsersEndpoint(SearchUsersHandler handler) {
        this.handler = handler;
    }

    @GetMapping("/api/identity/admin/users")
    @Operation(summary = "Find users by email or name (role ADMIN)",
            description = "Admins only. q matches part of the email or display name in any letter case; without q, "
                    + "every user. Pages hold 1 to 100 users (20 by default) and reach no further than the 10,000th; "
                    + "the answer has the total.")
    @ApiResponse(responseCode = "200", description = "A page of users")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "400", description = "A parameter is invalid (problem+json naming it)")
    PageOf<UserView> search(@Valid @ParameterObject SearchUsers query) {
        return handler.search(query).map(UserView::of);
    }
}
