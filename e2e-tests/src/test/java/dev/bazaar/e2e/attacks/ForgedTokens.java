package dev.bazaar.e2e.attacks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens a caller must never get through with, made from a real access token. Identity's
 * signing key is not ours, so every token with changed claims (expired, not yet valid, another
 * issuer or audience, more roles or scopes) keeps the real header and signature over a changed
 * payload: the signature no longer matches, and the check must still answer 401. Besides:
 * {@code alg: none}, a key of our own that identity's JWKS does not publish (with and without the
 * real key id), HS256 with a made-up secret, and a few that are no JWT at all.
 */
final class ForgedTokens {

    private static final RSAKey OWN_KEY;

    static {
        try {
            OWN_KEY = new RSAKeyGenerator(2048).keyID("not-in-the-jwks").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private ForgedTokens() {
    }

    /** Name of each forgery and the token, all made from {@code real} (an access token identity issued). */
    static Map<String, String> from(String real, String issuer) {
        Map<String, String> forged = new LinkedHashMap<>();
        Instant now = Instant.now();
        forged.put("expired (payload changed)", tamper(real, c -> c.expirationTime(Date.from(now.minusSeconds(600)))
                .issueTime(Date.from(now.minusSeconds(900))).notBeforeTime(Date.from(now.minusSeconds(900)))));
        forged.put("not yet valid (payload changed)", tamper(real, c -> c.notBeforeTime(Date.from(now.plusSeconds(3600)))
                .issueTime(Date.from(now.plusSeconds(3600))).expirationTime(Date.from(now.plusSeconds(7200)))));
        forged.put("wrong issuer (payload changed)", tamper(real, c -> c.issuer("http://evil.example")));
        forged.put("wrong audience (payload changed)", tamper(real, c -> c.audience(List.of("someone-else"))));
        forged.put("more roles (payload changed)", tamper(real, c -> c.claim("roles", List.of("CUSTOMER", "ADMIN"))));
        forged.put("bad signature (last bytes changed)", flipSignature(real));
        forged.put("no signature", real.substring(0, real.lastIndexOf('.') + 1));
        forged.put("alg none", algNone(real));
        forged.put("alg none, no trailing dot", algNone(real).substring(0, algNone(real).length() - 1));
        forged.put("own key, not in the JWKS", sign(real, issuer, false));
        forged.put("own key with the real key id", sign(real, issuer, true));
        forged.put("HS256 with a made-up secret", hs256(real));
        forged.put("not a JWT", "not-a-token");
        forged.put("empty parts", "..");
        forged.put("garbage parts", "e30.e30.e30");
        return forged;
    }

    static String tamper(String token, Consumer<JWTClaimsSet.Builder> change) {
        String[] parts = token.split("\\.");
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(claims(token));
        change.accept(claims);
        return parts[0] + "." + base64(claims.build().toString()) + "." + parts[2];
    }

    private static String flipSignature(String token) {
        int at = token.length() - 5;
        char swapped = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + swapped + token.substring(at + 1);
    }

    private static String algNone(String token) {
        return base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1] + ".";
    }

    private static String sign(String real, String issuer, boolean realKeyId) {
        try {
            String kid = realKeyId ? SignedJWT.parse(real).getHeader().getKeyID() : OWN_KEY.getKeyID();
            JWTClaimsSet claims = new JWTClaimsSet.Builder(claims(real)).issuer(issuer).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(OWN_KEY));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hs256(String real) {
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(SignedJWT.parse(real).getHeader().getKeyID()).build(), claims(real));
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code kid} a token names: which of identity's keys signed it. */
    static String keyIdOf(String token) {
        try {
            return SignedJWT.parse(token).getHeader().getKeyID();
        } catch (ParseException e) {
            throw new IllegalStateException("not a signed JWT", e);
        }
    }

    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException("not a signed JWT", e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
