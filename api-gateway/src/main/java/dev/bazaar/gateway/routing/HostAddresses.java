package dev.bazaar.gateway.routing;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses a host name stands for. Under {@code docker compose up --scale} or a headless
 * Kubernetes Service, one name ({@code catalog-service}) answers with every replica's address;
 * the gateway treats each address as an instance of its own, so it balances and health-checks
 * them one by one instead of leaving the choice to whichever address the connect happens to use.
 * A seam for tests: production resolves through the JDK (which caches answers for 30 s).
 */
@FunctionalInterface
public interface HostAddresses {

    /** Every address of the host; an IP literal is itself. Throws when the name is unknown now. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    static HostAddresses system() {
        return host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    /**
     * One URL per address when the host has several, the URL itself otherwise (one address, an IP
     * literal, or a name that does not resolve right now: then the connect reports it, as before).
     */
    default List<URI> expand(URI url) {
        String host = url.getHost();
        if (host == null) {
            return List.of(url);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolve(host).stream().distinct().toList();
        } catch (UnknownHostException e) {
            return List.of(url);
        }
        if (addresses.size() < 2) {
            return List.of(url);
        }
        return addresses.stream().map(address -> withHost(url, literal(address))).toList();
    }

    /** The address as it goes into a URL's host part: IPv6 in brackets. */
    static String literal(InetAddress address) {
        String ip = address.getHostAddress();
        int scope = ip.indexOf('%');
        if (scope >= 0) {
            ip = ip.substring(0, scope);
        }
        return address instanceof Inet6Address ? "[" + ip + "]" : ip;
    }

    private static URI withHost(URI url, String host) {
        // from the raw parts, so an encoded path or query stays as it was
        StringBuilder built = new StringBuilder(url.getScheme()).append("://");
        if (url.getRawUserInfo() != null) {
            built.append(url.getRawUserInfo()).append('@');
        }
        built.append(host);
        if (url.getPort() != -1) {
            built.append(':').append(url.getPort());
        }
        built.append(url.getRawPath() == null ? "" : url.getRawPath());
        if (url.getRawQuery() != null) {
            built.append('?').append(url.getRawQuery());
        }
        return URI.create(built.toString());
    }
}
