package dev.bazaar.order.idempotency;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.bazaar.defaults.problem.ProblemException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs each POST it guards at most once per (caller, Idempotency-Key), around Spring MVC:
 * the first request claims the key and runs; the answer Spring MVC wrote for it (status,
 * Content-Type, Location, body; errors come from service-defaults' problem handling like
 * everywhere) is stored, and a replay with the same body gets exactly that answer. The same
 * key with another body is 422.
 * <p>
 * A twin that arrives while the first still runs waits for {@link Settlements} to say the key
 * was settled, up to {@code bazaar.idempotency.twin-wait}, then gets 409. It holds no
 * database connection while it waits, and the first holds none between its claim and the
 * transaction that commits its effect, whatever remote calls it makes in between.
 * <p>
 * Kept: successes and the client errors of a request that ran (409 short stock, 422 unknown
 * product, 412 a cart that changed). Given up, so a retry runs afresh: 400/413/415/428 (the
 * request was not understood, or lacked a precondition, and never ran) and 5xx. A request that
 * kept its {@link Claim} open for the sweep (it may have left stock held) stores no answer,
 * whatever it answered: the sweep undoes its work and frees the key.
 * <p>
 * The same request means the same method, path and JSON body, and the same {@code If-Match}
 * (a checkout of one cart version): a cart's checkout sent again for another version is
 * another request.
 */
public class IdempotentRequests extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<Integer> NOT_UNDERSTOOD = Set.of(400, 413, 415, 428);
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION);
    private static final int LARGEST_BODY = 1 << 20;
    private static final Duration ANSWER_GRACE = Duration.ofMillis(500);
    private static final JsonMapper json = JsonMapper.builder().build();

    private final IdempotencyKeys keys;
    private final Settlements settlements;
    private final IdempotencyProperties properties;
    private final HandlerExceptionResolver problems;

    /**
     * @param problems Spring MVC's exception resolvers, so this filter's own refusals are
     *                 written by the same problem handling as every other error
     */
    public IdempotentRequests(IdempotencyKeys keys, Settlements settlements, IdempotencyProperties properties,
            HandlerExceptionResolver problems) {
        this.keys = keys;
        this.settlements = settlements;
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null) {
            // not authenticated: security answers it, no key is involved
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (key == null || !KEY.matcher(key).matches()) {
            refuse(request, response, new IdempotencyProblems.KeyMissing(request.getMethod(), request.getRequestURI()));
            return;
        }
        byte[] body = request.getInputStream().readNBytes(LARGEST_BODY + 1);
        if (body.length > LARGEST_BODY) {
            refuse(request, response, new IdempotencyProblems.BodyTooLarge(LARGEST_BODY));
            return;
        }
        String hash = fingerprint(request, body);
        try {
            claimOrReplay(new ReadAgain(request, body), response, chain, caller.getName(), key, hash);
        } catch (DataAccessResourceFailureException | TransientDataAccessException | CannotCreateTransactionException e) {
            // the key's ledger cannot be read or written (a database restart): nothing ran, and
            // the problem handling says 503, as for any request that needs the database right now
            if (response.isCommitted() || problems.resolveException(request, response, null, e) == null) {
                throw e;
            }
        }
    }

    private void claimOrReplay(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            String caller, String key, String hash) throws ServletException, IOException {
        Instant giveUp = Instant.now().plus(properties.twinWait());
        while (true) {
            Claim claim = new Claim(UUID.randomUUID(), caller, key);
            if (keys.claim(claim, hash)) {
                run(request, response, chain, claim);
                return;
            }
            try (Settlements.Waiter waiter = settlements.watch(claim.caller(), key)) {
                IdempotencyKeys.Entry entry = keys.find(claim.caller(), key).orElse(null);
                if (entry != null && !entry.requestHash().equals(hash)) {
                    refuse(request, response, new IdempotencyProblems.KeyReused());
                    return;
                }
                if (entry != null && entry.answer() != null) {
                    replay(response, entry.answer());
                    return;
                }
                if (entry != null && entry.settled() && !settledBefore(waiter, giveUp)) {
                    // the effect committed and its answer is lost: answer from what was committed
                    run(request, response, chain, Claim.settled(entry.claimId(), claim.caller(), key));
                    return;
                }
                Duration left = Duration.between(Instant.now(), giveUp);
                if (!left.isPositive() || entry != null && !waiter.await(left)) {
                    refuse(request, response, new IdempotencyProblems.StillInProgress());
                    return;
                }
                // settled, or given up before we read it (then claim it afresh): look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refuse(request, response, new IdempotencyProblems.StillInProgress());
                return;
            }
        }
    }

    private void run(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Claim claim)
            throws ServletException, IOException {
        request.setAttribute(Claim.ATTRIBUTE, claim);
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
        } catch (ServletException | IOException | RuntimeException e) {
            giveUp(claim);
            throw e;
        }
        int status = answer.getStatus();
        if (!claim.keptOpen() && (status < 400 || status < 500 && !NOT_UNDERSTOOD.contains(status))) {
            try {
                keys.answer(claim, new IdempotencyKeys.Answer(status, headers(answer),
                        new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                // the effect stands; a replay then waits and is told to retry instead of running twice
                log.atError().setCause(e).addKeyValue("claimId", claim.id()).log("idempotent answer not stored");
            }
        } else {
            giveUp(claim);
        }
        answer.copyBodyToResponse();
    }

    /**
     * A claim settles a moment before its answer is stored: give the first request that moment
     * (a short wait for its notification) before answering in its place.
     */
    private static boolean settledBefore(Settlements.Waiter waiter, Instant giveUp) throws InterruptedException {
        Duration left = Duration.between(Instant.now(), giveUp);
        return left.isPositive() && waiter.await(left.compareTo(ANSWER_GRACE) < 0 ? left : ANSWER_GRACE);
    }

    private void giveUp(Claim claim) {
        if (claim.keptOpen()) {
            return;
        }
        try {
            keys.forget(claim);
        } catch (RuntimeException e) {
            // the claim then ages into the sweep of abandoned claims, which frees the key
            log.atWarn().setCause(e).addKeyValue("claimId", claim.id()).log("idempotency claim not given up");
        }
    }

    private static Map<String, String> headers(ContentCachingResponseWrapper answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (answer.getContentType() != null) {
            headers.put(HttpHeaders.CONTENT_TYPE, answer.getContentType());
        }
        KEPT_HEADERS.forEach(name -> {
            if (answer.getHeader(name) != null) {
                headers.put(name, answer.getHeader(name));
            }
        });
        return headers;
    }

    private static void replay(HttpServletResponse response, IdempotencyKeys.Answer answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        if (answer.body() != null) {
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemException problem) {
        if (problems.resolveException(request, response, null, problem) == null) {
            throw problem;
        }
    }

    /** The same request: same method, path, If-Match and JSON body, however the body is spaced. */
    private static String fingerprint(HttpServletRequest request, byte[] body) {
        byte[] canonical;
        try {
            canonical = json.writeValueAsBytes(json.readTree(body));
        } catch (JacksonException e) {
            canonical = body;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
            if (ifMatch != null) {
                // only when sent, so the fingerprints of requests without one are what they always were
                digest.update((HttpHeaders.IF_MATCH + ": " + ifMatch.strip() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body, which the fingerprint has read, readable again for Spring MVC. */
    private static final class ReadAgain extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadAgain(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
