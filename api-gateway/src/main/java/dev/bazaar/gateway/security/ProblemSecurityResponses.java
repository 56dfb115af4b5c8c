package dev.bazaar.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.bazaar.gateway.problem.GatewayProblem;
import dev.bazaar.gateway.problem.ProblemResponses;
import reactor.core.publisher.Mono;

/** 400, 401 and 403 from the security filters, as problem+json like every other error. */
public class ProblemSecurityResponses
        implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler, ServerExchangeRejectedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        boolean badToken = e instanceof InvalidBearerTokenException
                || e instanceof org.springframework.security.oauth2.core.OAuth2AuthenticationException;
        // RFC 6750: say why, without echoing what the token contained
        String challenge = badToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        String detail = badToken ? "The access token is invalid or has expired." : "A valid access token is required.";
        return ProblemResponses.write(exchange, GatewayProblem.forStatus(HttpStatus.UNAUTHORIZED, detail)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException e) {
        return ProblemResponses.write(exchange,
                GatewayProblem.forStatus(HttpStatus.BAD_REQUEST, "The request path or headers are malformed."));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return ProblemResponses.write(exchange,
                GatewayProblem.forStatus(HttpStatus.FORBIDDEN, "You are not allowed to do this."));
    }
}
