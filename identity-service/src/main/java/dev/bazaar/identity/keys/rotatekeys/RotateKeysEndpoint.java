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
            + "tokens signed before stay valid until they expire",
            description = "Admins only. The key published as NEXT starts signing at once, the key that signed until now "
                    + "stays published (retired) so that tokens it signed are accepted until they expire, and a new "
                    + "NEXT key is published. Nobody is signed out. Each call rotates again: not idempotent.")
    @ApiResponse(responseCode = "200", description = "The key ids: retired, now active, next")
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    RotateKeysHandler.Rotation rotate() {
        return handler.rotate();
    }
}
