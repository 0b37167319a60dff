package dev.takedown.core.ports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** DNS, behind a port so that tests can decide what a host name resolves to. */
public interface HostResolver {
    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
