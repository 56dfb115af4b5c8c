package dev.bazaar.identity.keys.rotatekeys;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Signing keys")
@SecurityRequirement(name = "bearer")
class RotateKeysEndpoint {

    private final RotateKeysHandler handler;

    RotateKeysEndpoint(RotateKeysHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/identity/admin/keys/rotate")
    @Operation(summary = "Rotate the signing key now (role ADMIN): the published NEXT key starts signing; "
            + "tokens signed before stay valid until they expire")
    @ApiResponse(responseCode = "200", description = "The key ids: retired, now active, next")
    RotateKeysHandler.Rotation rotate() {
        return handler.rotate();
    }
}
