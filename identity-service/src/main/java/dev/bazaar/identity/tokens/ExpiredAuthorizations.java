package dev.bazaar.identity.tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spring Authorization Server keeps every authorization it stores and never deletes
 * one. Those whose every code and token expired over an hour ago serve nothing (they
 * cannot be redeemed, refreshed or used at userinfo), so they go.
 */
@Component
class ExpiredAuthorizations {

    private static final Logger log = LoggerFactory.getLogger(ExpiredAuthorizations.class);

    private final JdbcClient jdbc;

    ExpiredAuthorizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT2M")
    void forget() {
        int removed = jdbc.sql("""
                delete from oauth2_authorization
                where greatest(authorization_code_expires_at, access_token_expires_at, oidc_id_token_expires_at,
                               refresh_token_expires_at) < now() - interval '1 hour'""")
                .update();
        if (removed > 0) {
            log.atInfo().addKeyValue("count", removed).log("expired authorizations removed");
        }
    }
}
