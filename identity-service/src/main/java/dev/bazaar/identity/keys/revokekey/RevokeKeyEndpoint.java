package dev.bazaar.identity.keys.revokekey;

import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Signing keys")
@SecurityRequirement(name = "bearer")
class RevokeKeyEndpoint {

    private final RevokeKeyHandler handler;

    RevokeKeyEndpoint(RevokeKeyHandler handler) {
        this.handler = handler;
    }

    @PostMapping("/api/identity/admin/keys/{kid}/revoke")
    @Operation(summary = "Revoke a signing key now (role ADMIN), e.g. after a suspected leak",
            description = "The key leaves /oauth2/jwks at once and identity accepts no token it signed from then on; "
                    + "other identity instances follow within bazaar.identity.key-cache-ttl, every other service and "
                    + "the gateway within their JWKS refresh. Revoking the ACTIVE key makes the published NEXT key "
                    + "sign; revoking the NEXT key publishes a new one. Shoppers signed in keep their sessions and "
                    + "refresh tokens and get tokens signed by the new key. Revoking a revoked key changes nothing. "
                    + "Recorded in the log (event signing-key-revoked) and in the key table.")
    @ApiResponse(responseCode = "200", description = "The key ids: revoked, now active, next")
    @ApiResponse(responseCode = "400", description = "The kid is not a key id (problem+json naming the field)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "403", description = "The token is not an admin's")
    @ApiResponse(responseCode = "404", description = "No such key (problem signing-key-not-found)",
            content = @Content(mediaType = "application/problem+json"))
    RevokeKeyHandler.Revocation revoke(@Parameter(description = "the key id (kid), as in the JWKS and token headers",
            example = "0f8e7d6c-5b4a-4392-8817-a6b5c4d3e2f1")
            @PathVariable UUID kid, @AuthenticationPrincipal Jwt admin) {
        return handler.revoke(kid, admin.getSubject());
    }
}
