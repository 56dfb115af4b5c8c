package dev.bazaar.order.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * While the database restarts, the key's ledger cannot be read: the shopper gets what the
 * problem handling says for an unreachable database (503, retry), not the servlet container's
 * 500 page, and the request does not run.
 */
class IdempotentRequestsTest {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anUnreachableLedgerIsLeftToTheProblemHandlingAndNothingRuns() throws Exception {
        IdempotencyKeys keys = mock(IdempotencyKeys.class);
        when(keys.claim(any(), anyString())).thenThrow(new CannotGetJdbcConnectionException("connection refused"));
        List<Exception> resolved = new ArrayList<>();
        HandlerExceptionResolver problems = (request, response, handler, e) -> {
            resolved.add(e);
            response.setStatus(503);
            return new ModelAndView();
        };
        IdempotentRequests filter = new IdempotentRequests(keys, mock(Settlements.class),
                new IdempotencyProperties(Duration.ofSeconds(1)), problems);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("shopper", null));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/orders");
        request.addHeader("Idempotency-Key", "k-1");
        request.setContent("{\"lines\": []}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(resolved).singleElement().isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(chain.getRequest()).as("the endpoint did not run").isNull();
    }
}
