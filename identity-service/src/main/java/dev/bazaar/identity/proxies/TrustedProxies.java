package dev.bazaar.identity.proxies;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Forwarded headers (X-Forwarded-For/-Host/-Proto/-Port/-Prefix, Forwarded) from a trusted
 * proxy are honoured: redirects and the sign-in form use the origin it names, and the client
 * address (the login throttle's key) is the nearest untrusted hop of X-Forwarded-For, read from
 * the right, since a proxy appends what it saw and anything further left is the client's own
 * claim. From any other connection the headers are removed before anything reads them.
 * Runs before Spring Security; replaces {@code server.forward-headers-strategy=framework}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class TrustedProxies extends OncePerRequestFilter {

    private final List<AddressRange> trusted;
    private final ForwardedHeaderFilter honouring = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter removing = new ForwardedHeaderFilter();

    TrustedProxies(TrustedProxiesProperties properties) {
        this.trusted = properties.ranges();
        this.removing.setRemoveOnly(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<InetAddress> peer = AddressRange.literal(request.getRemoteAddr());
        if (peer.isEmpty() || !trusted(peer.get())) {
            removing.doFilter(request, response, chain);
            return;
        }
        String client = clientBehind(request, peer.get());
        honouring.doFilter(request, response,
                (forwarded, answer) -> chain.doFilter(new ClientAddress((HttpServletRequest) forwarded, client), answer));
    }

    // an error page is rendered from the original request again: wrap it the same way
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException {
        doFilterInternal(request, response, chain);
    }

    private boolean trusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private String clientBehind(HttpServletRequest request, InetAddress proxy) {
        List<String> hops = hops(request);
        InetAddress client = proxy;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressRange.literal(withoutPort(hops.get(i)));
            if (hop.isEmpty()) {
                break; // "unknown", an obfuscated name or garbage: the last address known stands
            }
            client = hop.get();
            if (!trusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /** The chain of addresses, nearest last: X-Forwarded-For, else the for= of Forwarded. */
    private static List<String> hops(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        if (!hops.isEmpty()) {
            return hops;
        }
        for (String header : Collections.list(request.getHeaders("Forwarded"))) {
            for (String element : header.split(",")) {
                for (String pair : element.split(";")) {
                    String[] nameValue = pair.strip().split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                        hops.add(nameValue[1].strip().replace("\"", ""));
                    }
                }
            }
        }
        return hops;
    }

    // "[2001:db8::1]:4711" and "192.0.2.1:4711" carry a port; a bare IPv6 address has colons of its own
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(0, end + 1);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static final class ClientAddress extends HttpServletRequestWrapper {

        private final String address;

        ClientAddress(HttpServletRequest request, String address) {
            super(request);
            this.address = address;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }
    }
}
