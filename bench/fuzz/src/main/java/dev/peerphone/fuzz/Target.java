package dev.peerphone.fuzz;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server under attack and where attacks come from: fuzz sockets bind to loopback source
 * addresses 127.0.1.1 … 127.0.254.254 in turn (like a botnet; Linux routes all of 127/8 to
 * {@code lo}), so per-address limits shape the campaign without stopping it, plus a few hot
 * addresses that do reach them; 127.0.0.1 is left to the innocent pair.
 */
record Target(InetAddress host, int wsPort, int httpPort, AtomicInteger sources) {
  Target(InetAddress host, int wsPort, int httpPort) {
    this(host, wsPort, httpPort, new AtomicInteger());
  }

  /**
   * The next fuzz source address (thread-safe): round robin over 64,516 addresses, except every
   * 8th connection, which comes from one of four "hot" addresses 127.0.0.2–5 so the
   * per-address limits (logins per minute, names, sockets) are reached and answered too.
   */
  InetAddress nextSource() {
    int n = sources.getAndIncrement();
    int i = Math.floorMod(n, 254 * 254);
    byte[] a = n % 8 == 7 ? new byte[] {127, 0, 0, (byte) (2 + (n / 8) % 4)}
        : new byte[] {127, 0, (byte) (1 + i / 254), (byte) (1 + i % 254)};
    try {
      return InetAddress.getByAddress(a);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
