package dev.takedown.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.takedown.core.ports.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CallbackPolicyTest {
    /** hooks.example resolves to whatever address the test names; anything else does not resolve. */
    private static HostResolver resolvingTo(String... addresses) {
        return host -> {
            if (!host.equals("hooks.example")) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> resolved = new java.util.ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByName(address));
            }
            return resolved;
        };
    }

    private static CallbackPolicy strict(String... addresses) {
        return new CallbackPolicy(resolvingTo(addresses), false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1", "127.9.9.9",
            "169.254.169.254", "169.254.1.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3",
            "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fd00:ec2::254",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1"})
    void internalAddressesAreRefused(String address) {
        assertThat(strict(address).refusal("https://hooks.example/takedown")).contains("resolves to an internal address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:2800:220:1::248"})
    void publicAddressesAreAllowed(String address) {
        assertThat(strict(address).refusal("https://hooks.example/takedown")).isEmpty();
    }

    @Test
    void oneInternalAddressAmongPublicOnesIsEnoughToRefuse() {
        assertThat(strict("93.184.216.34", "10.0.0.1").refusal("https://hooks.example/")).isPresent();
    }

    @Test
    void anAddressLiteralInTheUrlIsCheckedToo() {
        CallbackPolicy policy = new CallbackPolicy(HostResolver.SYSTEM, false);
        assertThat(policy.refusal("https://127.0.0.1/hook")).isPresent();
        assertThat(policy.refusal("https://[::1]/hook")).isPresent();
        assertThat(policy.refusal("https://169.254.169.254/latest/meta-data")).isPresent();
    }

    @Test
    void onlyHttpsIsAllowed() {
        assertThat(strict("93.184.216.34").refusal("http://hooks.example/takedown")).contains("not https");
        assertThat(strict("93.184.216.34").refusal("ftp://hooks.example/takedown")).isPresent();
        assertThat(strict("93.184.216.34").refusal("not a url at all")).isPresent();
        assertThat(strict("93.184.216.34").refusal(null)).isPresent();
    }

    @Test
    void aHostThatDoesNotResolveNowIsLeftToTheCallAndItsRetries() {
        assertThat(strict("93.184.216.34").refusal("https://elsewhere.example/")).isEmpty();
    }

    @Test
    void localDevelopmentAllowsPlainHttpToLoopback() {
        CallbackPolicy local = new CallbackPolicy(resolvingTo("127.0.0.1"), true);
        assertThat(local.refusal("http://127.0.0.1:3002/webhooks/acme")).isEmpty();
        assertThat(local.refusal("https://hooks.example/")).isEmpty();
        assertThat(local.refusal("file:///etc/passwd")).isPresent();
    }
}
