package dev.bazaar.identity.proxies;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * One address or a CIDR block, IPv4 or IPv6 ({@code 10.0.0.5}, {@code 10.1.0.0/16},
 * {@code ::1}, {@code fd00::/8}). Addresses are read as literals only: nothing here ever
 * asks DNS, so a header cannot make identity look a name up.
 */
public final class AddressRange {

    private final byte[] network;
    private final int prefix;

    private AddressRange(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException when the text is not an address or a CIDR block */
    public static AddressRange parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + text, e);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length out of range (0-" + bits + "): " + text);
        }
        return new AddressRange(masked(bytes, prefix), prefix);
    }

    /** The address an IP literal names ({@code [v6]} brackets allowed); empty for anything else. */
    public static Optional<InetAddress> literal(String text) {
        if (text == null || text.isBlank() || text.length() > 64) {
            return Optional.empty();
        }
        String bare = text.strip();
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        try {
            return Optional.of(InetAddress.ofLiteral(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(masked(bytes, prefix), network);
    }

    /**
     * How a client is known for counting: an IPv4 address as itself, an IPv6 address by its
     * /64, the block one subscriber gets (who would otherwise pick a fresh address per try).
     */
    public static String clientKey(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return key.append(":/64").toString();
    }

    private static byte[] masked(byte[] bytes, int prefix) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.clamp(prefix - i * 8L, 0, 8);
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }
}
