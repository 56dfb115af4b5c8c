package dev.bazaar.identity.users.register;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Accounts")
class RegisterEndpoint {

    private final RegisterHandler handler;

    RegisterEndpoint(RegisterHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/identity/register")
    @Operation(summary = "Sign up as a shopper (role CUSTOMER); emits identity.customer.registered")
    @ApiResponse(responseCode = "201", description = "Created; Location names the user")
    @ApiResponse(responseCode = "400", description = "Invalid email, weak password or bad name (problem+json naming the field)")
    @ApiResponse(responseCode = "409", description = "An account with this email exists (in any letter case)")
    ResponseEntity<UserView> register(@Valid @RequestBody Register command) {
        UserView created = UserView.of(handler.register(command));
        return ResponseEntity.created(URI.create("/api/identity/admin/users/" + created.id())).body(created);
    }
}
