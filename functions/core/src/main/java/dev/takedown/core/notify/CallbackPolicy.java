package dev.takedown.core.notify;

import dev.takedown.core.ports.HostResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Callback URLs are user input, and the notifier calls them from inside our network (SSRF): only https, and
 * only to addresses that are globally reachable. The host is resolved here, once, and the call goes to the
 * address vetted here: resolving it again when connecting would let a DNS answer that changes in between
 * (rebinding) lead the call to an internal address. Local development lifts the https and address rules, not
 * the pinning.
 */
public final class CallbackPolicy {

    /** What may be done with a callback URL. */
    public sealed interface Verdict permits Allowed, Refused, Unresolved {
    }

    /** Call {@code url}, connecting to {@code address}, never to another address of its host. */
    public record Allowed(URI url, InetAddress address) implements Verdict {
    }

    /** Never call this URL: it cannot become right by waiting. */
    public record Refused(String reason) implements Verdict {
    }

    /** The host does not resolve now; DNS may recover, so this is a failed attempt, retried like any other. */
    public record Unresolved(String host) implements Verdict {
    }

    /** An address block that is not globally reachable. */
    private record Block(byte[] prefix, int bits, String name) {
        static Block of(String cidr, String name) {
            int slash = cidr.indexOf('/');
            byte[] prefix = literal(cidr.substring(0, slash));
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), name);
        }

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            int rest = bits % 8;
            if (!Arrays.equals(address, 0, whole, prefix, 0, whole)) {
                return false;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (address[whole] & mask) == (prefix[whole] & mask);
        }

        private static byte[] literal(String address) {
            try {
                // An address literal: never looked up in DNS.
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(address, e);
            }
        }
    }

    /**
     * The IANA special-purpose blocks (IPv4 and IPv6 special-purpose address registries) that are not globally
     * reachable, with multicast and the IPv6 blocks that carry an IPv4 address onward (compatible, NAT64, 6to4,
     * Teredo): any of those could reach an internal IPv4 address. An IPv4-mapped IPv6 address is judged as the
     * IPv4 address it holds.
     */
    private static final List<Block> NOT_PUBLIC = List.of(
            Block.of("0.0.0.0/8", "this network"),
            Block.of("10.0.0.0/8", "private-use"),
            Block.of("100.64.0.0/10", "carrier-grade NAT"),
            Block.of("127.0.0.0/8", "loopback"),
            Block.of("169.254.0.0/16", "link-local"),               // holds the metadata address 169.254.169.254
            Block.of("172.16.0.0/12", "private-use"),
            Block.of("192.0.0.0/24", "IETF protocol assignments"),
            Block.of("192.0.2.0/24", "documentation"),
            Block.of("192.88.99.0/24", "6to4 relay anycast"),
            Block.of("192.168.0.0/16", "private-use"),
            Block.of("198.18.0.0/15", "benchmarking"),
            Block.of("198.51.100.0/24", "documentation"),
            Block.of("203.0.113.0/24", "documentation"),
            Block.of("224.0.0.0/4", "multicast"),
            Block.of("240.0.0.0/4", "reserved"),                    // holds the broadcast address 255.255.255.255
            Block.of("::/96", "IPv4-compatible"),                   // holds :: and ::1
            Block.of("64:ff9b::/96", "NAT64"),
            Block.of("64:ff9b:1::/48", "local-use NAT64"),
            Block.of("100::/64", "discard-only"),
            Block.of("100:0:0:1::/64", "dummy prefix"),
            Block.of("2001::/23", "IETF protocol assignments"),     // holds Teredo 2001::/32, benchmarking 2001:2::/48
            Block.of("2001:db8::/32", "documentation"),
            Block.of("2002::/16", "6to4"),
            Block.of("3fff::/20", "documentation"),
            Block.of("5f00::/16", "segment routing"),
            Block.of("fc00::/7", "unique-local"),                   // holds the metadata address fd00:ec2::254
            Block.of("fe80::/10", "link-local"),
            Block.of("fec0::/10", "site-local"),
            Block.of("ff00::/8", "multicast"));

    private final HostResolver resolver;
    private final boolean allowPrivate;

    public CallbackPolicy(HostResolver resolver, boolean allowPrivate) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
    }

    /** Whether and where {@code url} may be called; its host is resolved once, here. */
    public Verdict check(String url) {
        if (url == null) {
            return new Refused("no URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return new Refused("not an absolute http(s) URL");
        }
        if (!allowPrivate && !scheme.equals("https")) {
            return new Refused("not https");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return new Unresolved(uri.getHost());
        }
        if (addresses.isEmpty()) {
            return new Unresolved(uri.getHost());
        }
        if (!allowPrivate) {
            // One internal address is enough: which one a connection would use is not ours to choose.
            for (InetAddress address : addresses) {
                Optional<String> block = notPublic(address);
                if (block.isPresent()) {
                    return new Refused("resolves to a non-public address (" + block.get() + ")");
                }
            }
        }
        // The first, as a connection to the host name would use.
        return new Allowed(uri, addresses.get(0));
    }

    /** The name of the non-public block that holds {@code address}, or empty when it is globally reachable. */
    static Optional<String> notPublic(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
            bytes = Arrays.copyOfRange(bytes, 12, 16);
        }
        for (Block block : NOT_PUBLIC) {
            if (block.contains(bytes)) {
                return Optional.of(block.name());
            }
        }
        return Optional.empty();
    }

    /** ::ffff:0:0/96. (Java turns such literals into an {@link Inet4Address}; a resolver need not.) */
    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}
