package dev.peerphone.app.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The address others on the network reach this machine at: the first IPv4 address of an up
 * interface that is neither loopback nor link-local (169.254/16), taken from an interface that
 * carries the default route when that can be told (Linux {@code /proc/net/route}), so a VPN or
 * container bridge without the default route does not win over the LAN card.
 */
public final class LanAddress {
  private static final Logger log = LoggerFactory.getLogger(LanAddress.class);

  private LanAddress() {}

  /** One interface's IPv4 addresses, in the order the system lists them. */
  record Interface(String name, List<Inet4Address> addresses) {}

  /** This machine's LAN address, or empty when it has none (then only this machine can join). */
  public static Optional<String> find() {
    List<Interface> up = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp() || ni.isLoopback()) {
          continue;
        }
        List<Inet4Address> v4 = new ArrayList<>();
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof Inet4Address a4) {
            v4.add(a4);
          }
        }
        up.add(new Interface(ni.getName(), v4));
      }
    } catch (IOException e) {
      log.debug("interfaces: {}", e.toString());
    }
    return choose(up, defaultRouteInterfaces()).map(InetAddress::getHostAddress);
  }

  /** The first usable address, from a default-route interface if any has one. */
  static Optional<Inet4Address> choose(List<Interface> interfaces, Set<String> defaultRoute) {
    Optional<Inet4Address> preferred = first(interfaces.stream().filter(i -> defaultRoute.contains(i.name())).toList());
    return preferred.isPresent() ? preferred : first(interfaces);
  }

  private static Optional<Inet4Address> first(List<Interface> interfaces) {
    return interfaces.stream().flatMap(i -> i.addresses().stream())
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
        .findFirst();
  }

  private static Set<String> defaultRouteInterfaces() {
    try {
      return defaultRouteInterfaces(Files.readAllLines(Path.of("/proc/net/route")));
    } catch (IOException | RuntimeException e) {
      return Set.of(); // not Linux, or no procfs: no preference
    }
  }

  /** Interfaces with a 0.0.0.0/0 route in {@code /proc/net/route}'s format. */
  static Set<String> defaultRouteInterfaces(List<String> routeTable) {
    Set<String> names = new HashSet<>();
    for (String line : routeTable) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 8 && f[1].equals("00000000") && f[7].equals("00000000")) {
        names.add(f[0]);
      }
    }
    return names;
  }
}
