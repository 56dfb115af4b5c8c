package dev.bazaar.identity.login;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.bazaar.identity.proxies.AddressRange;

/**
 * Counts failed sign-ins per account and client address in Postgres, so that every instance
 * of identity sees the same counts and holds (and one clock: the database's). A pair past its
 * free failures is held back for a delay that doubles with each failure, then locked for
 * {@link LoginThrottleProperties#lockout()}, its failures cleared so the count starts afresh
 * when the lock ends. Only that pair: the same account from another address, and other
 * accounts from that address, sign in as usual. Past the account's far higher ceiling, any
 * address that fails it is held too; an address that has not failed is not.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final JdbcClient jdbc;
    private final LoginThrottleProperties properties;

    LoginThrottle(JdbcClient jdbc, LoginThrottleProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** True while this account may not be tried from this address. */
    @Transactional(readOnly = true)
    boolean isHeld(String email, String address) {
        return jdbc.sql("""
                select exists (select 1 from login_holds
                               where account = ? and address = ? and held_until > now())""")
                .params(account(email), key(address)).query(Boolean.class).single();
    }

    @Transactional
    void failed(String email, String address) {
        String account = account(email);
        String key = key(address);
        jdbc.sql("insert into login_failures (account, address) values (?, ?)").params(account, key).update();
        long pairFailures = jdbc.sql("""
                select count(*) from login_failures
                where account = ? and address = ? and failed_at > now() - make_interval(secs => ?)""")
                .params(account, key, properties.window().toSeconds()).query(Long.class).single();
        long accountFailures = jdbc.sql("""
                select count(*) from login_failures
                where account = ? and failed_at > now() - make_interval(secs => ?)""")
                .params(account, properties.window().toSeconds()).query(Long.class).single();

        Duration hold = properties.holdAfter((int) Math.min(pairFailures, Integer.MAX_VALUE));
        if (accountFailures >= properties.accountSlowdownFailures() && properties.accountDelay().compareTo(hold) > 0) {
            hold = properties.accountDelay();
        }
        if (hold.isPositive()) {
            jdbc.sql("""
                    insert into login_holds (account, address, held_until)
                    values (?, ?, now() + make_interval(secs => ?))
                    on conflict (account, address) do update
                    set held_until = greatest(login_holds.held_until, excluded.held_until)""")
                    .params(account, key, hold.toMillis() / 1000.0).update();
        }
        if (pairFailures >= properties.pairMaxFailures()) {
            jdbc.sql("delete from login_failures where account = ? and address = ?").params(account, key).update();
            // an email and an address, no secret: what an operator needs to answer "I cannot sign in"
            log.atWarn().addKeyValue("account", account).addKeyValue("address", key)
                    .addKeyValue("lockout", properties.lockout()).log("sign-in locked for one address");
        }
    }

    /** A successful sign-in forgives its own pair's failures; other addresses' stay counted. */
    @Transactional
    void succeeded(String email, String address) {
        String account = account(email);
        String key = key(address);
        jdbc.sql("delete from login_failures where account = ? and address = ?").params(account, key).update();
        jdbc.sql("delete from login_holds where account = ? and address = ?").params(account, key).update();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    @Transactional
    void forgetOldFailures() {
        jdbc.sql("delete from login_failures where failed_at < now() - make_interval(secs => ?)")
                .param(properties.window().toSeconds()).update();
        jdbc.sql("delete from login_holds where held_until < now()").update();
    }

    private static String account(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String key(String address) {
        return AddressRange.literal(address).map(AddressRange::clientKey).orElse("unknown");
    }
}
