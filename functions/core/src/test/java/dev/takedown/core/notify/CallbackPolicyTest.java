package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.notify.CallbackPolicy.Allowed;
import dev.takedown.core.notify.CallbackPolicy.Refused;
import dev.takedown.core.notify.CallbackPolicy.Unresolved;
import dev.takedown.core.ports.HostResolver;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackPolicyTest {
    /** hooks.example resolves to whatever addresses the test names; anything else does not resolve. */
    private static HostResolver resolvingTo(InetAddress... addresses) {
        return host -> {
            if (!host.equals("hooks.example")) {
                throw new UnknownHostException(host);
            }
            return List.of(addresses);
        };
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static CallbackPolicy.Verdict strictly(String... literals) {
        InetAddress[] addresses = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            addresses[i] = address(literals[i]);
        }
        return new CallbackPolicy(resolvingTo(addresses), false).check("https://hooks.example/takedown");
    }

    private static void assertRefused(String literal) {
        assertThat(strictly(literal)).as(literal).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.reason()).startsWith("resolves to a non-public address"));
    }

    private static void assertAllowed(String literal) {
        assertThat(strictly(literal)).as(literal).isEqualTo(
                new Allowed(URI.create("https://hooks.example/takedown"), address(literal)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd12:3456::1", "fd00:ec2::254",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1",
            // IPv4 carried in IPv6 (compatible, NAT64, 6to4) and special-purpose IPv4
            "::127.0.0.1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "2002:a9fe:a9fe::", "192.0.0.192", "198.18.0.1",
            "240.0.0.1"})
    void internalAddressesAreRefused(String literal) {
        assertRefused(literal);
    }

    /** Each block that is not globally reachable: its first and last address, and the nearest address allowed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "0.0.0.0/8,            0.0.0.0,          0.255.255.255,       1.0.0.0",
            "10.0.0.0/8,           10.0.0.0,         10.255.255.255,      11.0.0.0",
            "100.64.0.0/10,        100.64.0.0,       100.127.255.255,     100.128.0.0",
            "127.0.0.0/8,          127.0.0.0,        127.255.255.255,     128.0.0.0",
            "169.254.0.0/16,       169.254.0.0,      169.254.255.255,     169.253.255.255",
            "172.16.0.0/12,        172.16.0.0,       172.31.255.255,      172.32.0.0",
            "192.0.0.0/24,         192.0.0.0,        192.0.0.255,         192.0.1.0",
            "192.0.2.0/24,         192.0.2.0,        192.0.2.255,         192.0.3.0",
            "192.88.99.0/24,       192.88.99.0,      192.88.99.255,       192.88.100.0",
            "192.168.0.0/16,       192.168.0.0,      192.168.255.255,     192.169.0.0",
            "198.18.0.0/15,        198.18.0.0,       198.19.255.255,      198.20.0.0",
            "198.51.100.0/24,      198.51.100.0,     198.51.100.255,      198.51.101.0",
            "203.0.113.0/24,       203.0.113.0,      203.0.113.255,       203.0.114.0",
            "224.0.0.0/4,          224.0.0.0,        239.255.255.255,     223.255.255.255",
            // 240.0.0.0/4 ends the IPv4 space and follows multicast: no allowed neighbour
            "240.0.0.0/4,          240.0.0.0,        255.255.255.255,     none",
            "::/96,                ::,               ::ffff:ffff,         ::1:0:0",
            "::ffff:0:0/96 (10/8), ::ffff:10.0.0.0,  ::ffff:10.255.255.255, ::ffff:11.0.0.0",
            "64:ff9b::/96,         64:ff9b::,        64:ff9b::ffff:ffff,  64:ff9b::1:0:0",
            "64:ff9b:1::/48,       64:ff9b:1::,      64:ff9b:1:ffff:ffff:ffff:ffff:ffff, 64:ff9b:2::",
            "100::/64,             100::,            100::ffff:ffff:ffff:ffff, ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "100:0:0:1::/64,       100:0:0:1::,      100:0:0:1:ffff:ffff:ffff:ffff, 100:0:0:2::",
            "2001::/23,            2001::,           2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff, 2001:200::",
            // Teredo and benchmarking lie inside 2001::/23: the nearest allowed address is outside that
            "2001::/32,            2001::,           2001:0:ffff:ffff:ffff:ffff:ffff:ffff, 2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:2::/48,          2001:2::,         2001:2:0:ffff:ffff:ffff:ffff:ffff, 2001:200::",
            "2001:db8::/32,        2001:db8::,       2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db9::",
            "2002::/16,            2002::,           2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 2003::",
            "3fff::/20,            3fff::,           3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff, 3fff:1000::",
            "5f00::/16,            5f00::,           5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 5f01::",
            "fc00::/7,             fc00::,           fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::/10,            fe80::,           febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff, fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            // site-local lies between link-local and multicast: no allowed neighbour
            "fec0::/10,            fec0::,           feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, none",
            "ff00::/8,             ff00::,           ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, none"})
    void eachBlockIsRefusedToItsEdgesAndNoFurther(String block, String first, String last, String outside) {
        assertRefused(first);
        assertRefused(last);
        if (outside != null) {
            assertAllowed(outside);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:2800:220:1::248",
            "::ffff:93.184.216.34"})
    void publicAddressesAreAllowed(String literal) {
        assertAllowed(literal);
    }

    /** Java turns an IPv4-mapped literal into an IPv4 address; a resolver may hand one over as IPv6. */
    @Test
    void anIpv4MappedIpv6AddressIsJudgedByItsIpv4Address() throws UnknownHostException {
        InetAddress mappedLoopback = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, -1);
        InetAddress mappedPublic = Inet6Address.getByAddress(null,
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 93, (byte) 184, (byte) 216, 34}, -1);
        assertThat(mappedLoopback).isInstanceOf(Inet6Address.class);

        assertThat(new CallbackPolicy(resolvingTo(mappedLoopback), false).check("https://hooks.example/"))
                .isEqualTo(new Refused("resolves to a non-public address (loopback)"));
        assertThat(new CallbackPolicy(resolvingTo(mappedPublic), false).check("https://hooks.example/"))
                .isInstanceOf(Allowed.class);
    }

    @Test
    void oneInternalAddressAmongPublicOnesIsEnoughToRefuse() {
        assertThat(strictly("93.184.216.34", "10.0.0.1")).isEqualTo(new Refused("resolves to a non-public address (private-use)"));
    }

    @Test
    void anAddressLiteralInTheUrlIsCheckedToo() {
        CallbackPolicy policy = new CallbackPolicy(HostResolver.SYSTEM, false);
        assertThat(policy.check("https://127.0.0.1/hook")).isInstanceOf(Refused.class);
        assertThat(policy.check("https://[::1]/hook")).isInstanceOf(Refused.class);
        assertThat(policy.check("https://[::127.0.0.1]/hook")).isInstanceOf(Refused.class);
        assertThat(policy.check("https://[64:ff9b::a9fe:a9fe]/latest/meta-data")).isInstanceOf(Refused.class);
        assertThat(policy.check("https://169.254.169.254/latest/meta-data")).isInstanceOf(Refused.class);
        assertThat(policy.check("https://93.184.216.34/hook")).isInstanceOf(Allowed.class);
    }

    @Test
    void onlyHttpsIsAllowed() {
        assertThat(strictly("93.184.216.34")).isInstanceOf(Allowed.class);
        CallbackPolicy policy = new CallbackPolicy(resolvingTo(address("93.184.216.34")), false);
        assertThat(policy.check("http://hooks.example/takedown")).isEqualTo(new Refused("not https"));
        assertThat(policy.check("ftp://hooks.example/takedown")).isInstanceOf(Refused.class);
        assertThat(policy.check("not a url at all")).isInstanceOf(Refused.class);
        assertThat(policy.check(null)).isInstanceOf(Refused.class);
    }

    @Test
    void theHostIsResolvedOnceAndTheCallGoesToTheAddressVettedThen() {
        // A rebinding name: public when checked, the metadata address when asked again.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> List.of(address(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "169.254.169.254"));

        CallbackPolicy.Verdict verdict = new CallbackPolicy(rebinding, false).check("https://hooks.example/takedown");

        assertThat(verdict).isEqualTo(new Allowed(URI.create("https://hooks.example/takedown"), address("93.184.216.34")));
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aHostThatDoesNotResolveIsUnresolvedNotAllowed() {
        assertThat(new CallbackPolicy(resolvingTo(address("93.184.216.34")), false).check("https://elsewhere.example/"))
                .isEqualTo(new Unresolved("elsewhere.example"));
        assertThat(new CallbackPolicy(host -> new ArrayList<>(), false).check("https://hooks.example/"))
                .isEqualTo(new Unresolved("hooks.example"));
    }

    @Test
    void localDevelopmentAllowsPlainHttpToLoopbackButStillPinsTheAddress() {
        CallbackPolicy local = new CallbackPolicy(resolvingTo(address("127.0.0.1")), true);
        assertThat(local.check("http://hooks.example:3002/webhooks/acme"))
                .isEqualTo(new Allowed(URI.create("http://hooks.example:3002/webhooks/acme"), address("127.0.0.1")));
        assertThat(local.check("https://hooks.example/")).isInstanceOf(Allowed.class);
        assertThat(local.check("http://elsewhere.example/")).isEqualTo(new Unresolved("elsewhere.example"));
        assertThat(local.check("file:///etc/passwd")).isInstanceOf(Refused.class);
    }
}
