package dev.takedown.core.notify;

import dev.takedown.core.ports.HostResolver;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Callback URLs are user input, and the notifier calls them from inside our network (SSRF): only https, and
 * never an address that reaches ourselves or our cloud (private, loopback, link-local, unique-local,
 * carrier-grade NAT, unspecified, multicast, instance metadata). Local development lifts both rules.
 */
public final class CallbackPolicy {
    private final HostResolver resolver;
    private final boolean allowPrivate;

    public CallbackPolicy(HostResolver resolver, boolean allowPrivate) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
    }

    /**
     * Why the URL may not be called, or empty when it may. A host that does not resolve now is not refused:
     * DNS may recover, and the call itself will fail and be retried.
     */
    public Optional<String> refusal(String url) {
        if (url == null) {
            return Optional.of("no URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("not an absolute http(s) URL");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("not https");
        }
        try {
            for (InetAddress address : resolver.resolve(uri.getHost())) {
                if (isInternal(address)) {
                    return Optional.of("resolves to an internal address");
                }
            }
        } catch (UnknownHostException e) {
            // not refused: see above
        }
        return Optional.empty();
    }

    static boolean isInternal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first == 0                                       // "this network", 0.0.0.0/8
                    || (first == 100 && (second & 0xc0) == 64)      // carrier-grade NAT, 100.64.0.0/10
                    || first == 255;                                // broadcast
        }
        if (address instanceof Inet6Address) {
            // Unique-local fc00::/7, which holds the instance metadata address fd00:ec2::254.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        return false;
    }
}
