package dev.bazaar.identity.login;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per account and per client address in Postgres, so that every
 * instance of identity sees the same counts and the same locks (and one clock: the
 * database's). Reaching a limit locks the account or the address for
 * {@link LoginThrottleProperties#lockout()}; its counted failures are then cleared, so
 * the count starts afresh when the lock ends.
 */
@Component
class LoginThrottle {

    enum Kind { ACCOUNT, ADDRESS }

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final JdbcClient jdbc;
    private final LoginThrottleProperties properties;

    LoginThrottle(JdbcClient jdbc, LoginThrottleProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** True while the account or the address is locked out. */
    @Transactional(readOnly = true)
    boolean isLocked(String email, String address) {
        return jdbc.sql("""
                select exists (select 1 from login_lockouts
                               where locked_until > now()
                                 and ((kind = 'ACCOUNT' and subject = :account)
                                      or (kind = 'ADDRESS' and subject = :address)))""")
                .param("account", account(email)).param("address", address(address))
                .query(Boolean.class).single();
    }

    @Transactional
    void failed(String email, String address) {
        count(Kind.ACCOUNT, account(email), properties.accountMaxFailures());
        count(Kind.ADDRESS, address(address), properties.addressMaxFailures());
    }

    /** A successful sign-in forgives the account's earlier failures (not the address's). */
    @Transactional
    void succeeded(String email) {
        jdbc.sql("delete from login_failures where kind = 'ACCOUNT' and subject = ?").param(account(email)).update();
    }

    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT1M")
    @Transactional
    void forgetOldFailures() {
        jdbc.sql("delete from login_failures where failed_at < now() - make_interval(secs => ?)")
                .param(properties.window().toSeconds()).update();
        jdbc.sql("delete from login_lockouts where locked_until < now()").update();
    }

    private void count(Kind kind, String subject, int limit) {
        jdbc.sql("insert into login_failures (kind, subject) values (?, ?)").params(kind.name(), subject).update();
        long failures = jdbc.sql("""
                select count(*) from login_failures
                where kind = ? and subject = ? and failed_at > now() - make_interval(secs => ?)""")
                .params(kind.name(), subject, properties.window().toSeconds())
                .query(Long.class).single();
        if (failures < limit) {
            return;
        }
        jdbc.sql("""
                insert into login_lockouts (kind, subject, locked_until)
                values (?, ?, now() + make_interval(secs => ?))
                on conflict (kind, subject) do update set locked_until = excluded.locked_until""")
                .params(kind.name(), subject, properties.lockout().toSeconds()).update();
        jdbc.sql("delete from login_failures where kind = ? and subject = ?").params(kind.name(), subject).update();
        // an email or an address, no secret: what an operator needs to answer "I cannot sign in"
        log.atWarn().addKeyValue("kind", kind).addKeyValue("subject", subject)
                .addKeyValue("lockout", properties.lockout()).log("sign-in locked out");
    }

    private static String account(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String address(String address) {
        return address == null ? "unknown" : address;
    }
}
