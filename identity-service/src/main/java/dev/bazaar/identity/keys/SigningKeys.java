package dev.bazaar.identity.keys;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.nimbusds.jose.jwk.RSAKey;

/** The signing key table. Changes run under {@link #lockForChange()}, so instances never race. */
@Repository
class SigningKeys {

    private final JdbcClient jdbc;

    SigningKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serialises key changes across instances; readers are not blocked. Needs a transaction. */
    void lockForChange() {
        jdbc.sql("lock table signing_keys in exclusive mode").update();
    }

    /** Every key the JWKS shows: NEXT, ACTIVE and RETIRED keys not yet due for removal; never a REVOKED one. */
    List<SigningKey> published() {
        return jdbc.sql("""
                select * from signing_keys
                where state in ('NEXT', 'ACTIVE') or (state = 'RETIRED' and remove_after > now())
                order by case state when 'ACTIVE' then 0 when 'NEXT' then 1 else 2 end, created_at desc""")
                .query(SigningKeys::map).list();
    }

    Optional<SigningKey> inState(KeyState state) {
        return jdbc.sql("select * from signing_keys where state = ?").param(state.name())
                .query(SigningKeys::map).optional();
    }

    Optional<SigningKey> find(String kid) {
        return jdbc.sql("select * from signing_keys where kid = ?").param(kid).query(SigningKeys::map).optional();
    }

    /** Takes the key out of the JWKS for good and wipes its private half. */
    void revoke(String kid, String by) {
        jdbc.sql("""
                update signing_keys set state = 'REVOKED', revoked_at = now(), revoked_by = :by,
                       private_key = ''::bytea, remove_after = null
                where kid = :kid""")
                .param("kid", kid).param("by", by).update();
    }

    void insert(String kid, KeyState state, RSAKey publicKey, byte[] encryptedPrivateKey) {
        jdbc.sql("""
                insert into signing_keys (kid, state, public_jwk, private_key, activated_at)
                values (:kid, :state, :jwk, :privateKey, case when :state = 'ACTIVE' then now() end)""")
                .param("kid", kid).param("state", state.name()).param("jwk", publicKey.toJSONString())
                .param("privateKey", encryptedPrivateKey)
                .update();
    }

    void retire(String kid, Duration keepPublished) {
        jdbc.sql("""
                update signing_keys set state = 'RETIRED', retired_at = now(),
                       remove_after = now() + make_interval(secs => :seconds)
                where kid = :kid""")
                .param("kid", kid).param("seconds", keepPublished.toSeconds()).update();
    }

    void activate(String kid) {
        jdbc.sql("update signing_keys set state = 'ACTIVE', activated_at = now() where kid = ?").param(kid).update();
    }

    /** True when the ACTIVE key has signed for at least this long. */
    boolean activeOlderThan(Duration age) {
        return jdbc.sql("""
                select exists (select 1 from signing_keys
                               where state = 'ACTIVE' and activated_at <= now() - make_interval(secs => ?))""")
                .param(age.toSeconds()).query(Boolean.class).single();
    }

    int removeExpired() {
        return jdbc.sql("delete from signing_keys where state = 'RETIRED' and remove_after <= now()").update();
    }

    private static SigningKey map(ResultSet rs, int row) throws SQLException {
        try {
            return new SigningKey(
                    rs.getString("kid"),
                    KeyState.valueOf(rs.getString("state")),
                    RSAKey.parse(rs.getString("public_jwk")),
                    rs.getBytes("private_key"),
                    rs.getTimestamp("created_at").toInstant(),
                    instant(rs.getTimestamp("activated_at")),
                    instant(rs.getTimestamp("retired_at")),
                    instant(rs.getTimestamp("remove_after")));
        } catch (ParseException e) {
            throw new SQLException("signing key " + rs.getString("kid") + " has an unreadable public key", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
