package dev.bazaar.defaults.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;

class ProblemSecurityResponsesTest {

    private final ProblemSecurityResponses responses = new ProblemSecurityResponses();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void asksForATokenWithAProblem() throws Exception {
        MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
        MockHttpServletResponse response = new MockHttpServletResponse();

        responses.commence(new MockHttpServletRequest(), response, new InsufficientAuthenticationException("none"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("""
                {"type":"urn:bazaar:problem:unauthorized","title":"Unauthorized","status":401,\
                "detail":"A valid access token is required.","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}""");
    }

    @Test
    void refusesWithAProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        responses.handle(new MockHttpServletRequest(), response, new AccessDeniedException("no"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).isEqualTo("""
                {"type":"urn:bazaar:problem:forbidden","title":"Forbidden","status":403,\
                "detail":"You are not allowed to do this."}""");
    }
}
