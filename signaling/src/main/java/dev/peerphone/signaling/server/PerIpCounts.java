package dev.peerphone.signaling.server;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sockets per client address, shared by both ports so the per-IP cap counts a client's
 * connections wherever they arrive: from accept ({@link ConnectionGate}), or from WebSocket open
 * for a trusted proxy's connections (by the client it names). Thread-safe (both selector threads
 * use it).
 */
final class PerIpCounts {
  private final ConcurrentHashMap<InetAddress, Integer> counts = new ConcurrentHashMap<>();

  /** Counts one more connection from {@code address}; returns the new count. */
  int opened(InetAddress address) {
    return counts.merge(address, 1, Integer::sum);
  }

  /** Addresses with at least one counted socket. */
  int addresses() {
    return counts.size();
  }

  void closed(InetAddress address) {
    counts.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
  }
}
