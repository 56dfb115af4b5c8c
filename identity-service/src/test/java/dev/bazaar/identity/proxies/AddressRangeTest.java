package dev.bazaar.identity.proxies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class AddressRangeTest {

    private static InetAddress ip(String literal) {
        return AddressRange.literal(literal).orElseThrow();
    }

    @Test
    void matchesAddressesAndBlocksOfBothFamilies() {
        assertThat(AddressRange.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(AddressRange.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(AddressRange.parse("10.1.0.0/16").contains(ip("10.1.255.7"))).isTrue();
        assertThat(AddressRange.parse("10.1.0.0/16").contains(ip("10.2.0.1"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains(ip("fd12:3456::1"))).isTrue();
        assertThat(AddressRange.parse("fd00::/8").contains(ip("10.0.0.1"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
    }

    @Test
    void refusesWhatIsNoAddressWithoutAskingDns() {
        for (String bad : new String[] {"", "gateway", "localhost", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "1.2.3.4/-1"}) {
            assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(AddressRange.literal("unknown")).isEmpty();
        assertThat(AddressRange.literal("[2001:db8::1]")).isPresent();
    }

    @Test
    void countsIpv6ClientsByTheir64() {
        assertThat(AddressRange.clientKey(ip("2001:db8:5:6::1"))).isEqualTo("2001:db8:5:6::/64");
        assertThat(AddressRange.clientKey(ip("2001:db8:5:6:ffff::abcd"))).isEqualTo("2001:db8:5:6::/64");
        assertThat(AddressRange.clientKey(ip("198.51.100.7"))).isEqualTo("198.51.100.7");
    }
}
