package dev.bazaar.identity.users.register;

import java.net.URI;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.bazaar.identity.users.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Content;
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
    @Operation(summary = "Sign up as a shopper (role CUSTOMER); emits identity.customer.registered",
            description = "Public: no sign-in. The account can sign in at once (authorization code with PKCE). "
                    + "An email is taken whatever its letter case, so registering the same email twice is 409. "
                    + "The password is 10 to 128 characters of at least two kinds and is stored only as a hash.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the user",
            headers = @Header(name = "Location", required = true, description = "The user's URL for admins: /api/identity/admin/users/{id}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ApiResponse(responseCode = "400", description = "Invalid email, weak password or bad name (problem+json naming the field)")
    @ApiResponse(responseCode = "409", description = "An account with this email exists, in any letter case (email-taken)")
    ResponseEntity<UserView> register(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "carol", summary = "A new shopper", value = """
                            {"email": "carol@example.com", "password": "correct-Horse-battery", "displayName": "Carol"}""")))
            @Valid @RequestBody Register command) {
        UserView created = UserView.of(handler.register(command));
        return ResponseEntity.created(URI.create("/api/identity/admin/users/" + created.id())).body(created);
    }
}
