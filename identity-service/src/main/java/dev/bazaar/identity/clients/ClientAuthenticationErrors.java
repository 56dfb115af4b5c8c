package dev.bazaar.identity.clients;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Client authentication errors at the endpoints clients authenticate to (token, introspection,
 * revocation), as RFC 6749 5.2 asks: {@code application/json} {@code {"error": ...}}, and for
 * {@code invalid_client} a 401 with a {@code WWW-Authenticate} challenge. Two ways lead here: a
 * client that authenticates and fails (unknown client, wrong secret), which Spring Authorization
 * Server's client authentication filter hands to {@link #onAuthenticationFailure}; and a request
 * with no client authentication at all, which that filter lets pass and the chain's entry point
 * ({@link #commence}) refuses.
 */
public class ClientAuthenticationErrors implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    // client_secret_basic is what every Bazaar client uses; client_secret_post works too
    private static final String CHALLENGE = "Basic realm=\"bazaar\"";

    private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        write(response, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                "Client authentication is required: HTTP Basic, or client_id and client_secret in the form.", null));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException e) throws IOException {
        SecurityContextHolder.clearContext();
        String code = e instanceof OAuth2AuthenticationException oauth2
                ? oauth2.getError().getErrorCode() : OAuth2ErrorCodes.INVALID_CLIENT;
        // the code only, as Spring Authorization Server's own handler: the description may say which check failed
        write(response, new OAuth2Error(code));
    }

    private void write(HttpServletResponse response, OAuth2Error error) throws IOException {
        ServletServerHttpResponse http = new ServletServerHttpResponse(response);
        if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())) {
            http.setStatusCode(HttpStatus.UNAUTHORIZED);
            http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        } else {
            http.setStatusCode(HttpStatus.BAD_REQUEST);
        }
        errors.write(error, null, http);
    }
}
