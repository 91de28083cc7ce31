package dev.peerphone.signaling.tls;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names and addresses others may use to reach this machine: what a self-signed certificate
 * must cover. Loopback names always; link-local IPv6 addresses never (they need a zone, which
 * URLs and certificates cannot carry).
 *
 * @param dnsNames lower case
 * @param addresses literal IP addresses, as {@link InetAddress#getHostAddress()} writes them
 */
record MachineNames(Set<String> dnsNames, Set<String> addresses) {
  MachineNames {
    dnsNames = Collections.unmodifiableSet(new TreeSet<>(dnsNames));
    addresses = Collections.unmodifiableSet(new TreeSet<>(addresses));
  }

  /** This machine now. */
  static MachineNames current() {
    Set<String> names = new TreeSet<>(Set.of("localhost"));
    Set<String> addresses = new TreeSet<>(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
    try {
      InetAddress local = InetAddress.getLocalHost();
      addName(names, local.getHostName());
      addName(names, local.getCanonicalHostName());
    } catch (UnknownHostException e) {
      // no resolvable host name: addresses and localhost only
    }
    for (String name : Set.copyOf(names)) {
      if (!name.contains(".") && !name.equals("localhost")) {
        names.add(name + ".local"); // mDNS
      }
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!(address instanceof Inet6Address && address.isLinkLocalAddress())) {
            addresses.add(literal(address));
          }
        }
      }
    } catch (SocketException e) {
      // interfaces unreadable: loopback only
    }
    return new MachineNames(names, addresses);
  }

  /** The address without an IPv6 zone, as {@link InetAddress#getHostAddress()} writes it. */
  static String literal(InetAddress address) {
    try {
      return InetAddress.getByAddress(address.getAddress()).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of valid length", e);
    }
  }

  private static void addName(Set<String> names, String name) {
    if (name != null && !name.isEmpty() && name.matches("[A-Za-z0-9.-]+") && !name.matches("[0-9.]+")) {
      names.add(name.toLowerCase(Locale.ROOT));
    }
  }

  /** True when {@code other} names nothing this one does not. */
  boolean covers(MachineNames other) {
    return dnsNames.containsAll(other.dnsNames) && addresses.containsAll(other.addresses);
  }
}
