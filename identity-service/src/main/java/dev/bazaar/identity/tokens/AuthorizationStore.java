package dev.bazaar.identity.tokens;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The authorizations Spring Authorization Server stores ({@code oauth2_authorization}): each
 * holds the codes and refresh tokens of one sign-in or one client. Spring reads and writes them
 * through its {@code OAuth2AuthorizationService}; what Bazaar removes of its own accord goes
 * through here, the only Bazaar code that touches the table.
 */
@Repository
public class AuthorizationStore {

    private final JdbcClient jdbc;

    AuthorizationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Revokes every stored authorization of a user: their pending codes and refresh tokens stop working. */
    public int revokeAllOf(UUID userId) {
        return jdbc.sql("delete from oauth2_authorization where principal_name = ?")
                .param(userId.toString()).update();
    }

    /** Revokes the authorizations of every client not among these registered client ids. */
    public int revokeAllExceptOf(Collection<String> registeredClientIds) {
        return jdbc.sql("delete from oauth2_authorization where registered_client_id not in (:ids)")
                .param("ids", registeredClientIds).update();
    }

    /**
     * Removes the authorizations whose every code and token expired over an hour ago: they cannot
     * be redeemed, refreshed or used at userinfo any more.
     */
    public int forgetExpired() {
        return jdbc.sql("""
                delete from oauth2_authorization
                where greatest(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
                               refresh_token_expires_at) < now() - interval '1 hour'""")
                .update();
    }
}
