package dev.bazaar.identity.tokens;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final AuthorizationStore authorizations;

    ExpiredAuthorizations(AuthorizationStore authorizations) {
        this.authorizations = authorizations;
    }

    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT2M")
    void forget() {
        int removed = authorizations.forgetExpired();
        if (removed > 0) {
            log.atInfo().addKeyValue("count", removed).log("expired authorizations removed");
        }
    }
}
