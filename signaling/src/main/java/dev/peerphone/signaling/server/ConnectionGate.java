package dev.peerphone.signaling.server;

import dev.peerphone.signaling.admission.ClientAddressResolver;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts every socket from accept to close, whatever its state, against the global cap and the
 * per-address cap (shared by both ports). Over a cap, a socket is still accepted but marked
 * refused: its request is answered {@code 503} with {@code Retry-After} (a WebSocket client sees
 * the failed upgrade) and it is closed — unless that would let refused sockets pile up: past
 * {@link #REFUSAL_GRACE} more than the per-address cap from one address, or an eighth over the
 * global cap (the descriptor headroom), a socket is closed at once. So one address holds at most
 * its cap plus the grace, and refusals cannot take the headroom. Thread-safe.
 *
 * <p>A socket from a trusted proxy is counted per address only once its request names the
 * client ({@code X-Forwarded-For}, see {@link WsTransport#onOpen}).
 */
final class ConnectionGate {
  /** Sockets over the per-address cap that are held to be told 503; past this they are closed at accept. */
  static final int REFUSAL_GRACE = 16;
  private final int maxPerAddress;
  private final int maxConnections;
  private final int hardLimit;
  private final PerIpCounts perIp;
  private final ClientAddressResolver addresses;
  private final Metrics metrics;

  ConnectionGate(int maxPerAddress, int maxConnections, PerIpCounts perIp, ClientAddressResolver addresses,
      Metrics metrics) {
    this.maxPerAddress = maxPerAddress;
    this.maxConnections = maxConnections;
    this.hardLimit = maxConnections + maxConnections / 8 + 16;
    this.perIp = perIp;
    this.addresses = addresses;
    this.metrics = metrics;
  }

  /** One accepted socket's place in the counts; {@link #release} it exactly once when it closes. */
  static final class Ticket {
    /** The address counted per address at accept; null for a trusted proxy's socket. */
    final InetAddress perAddressKey;
    /** Null: admitted; else why its request gets 503. */
    final Refusal refusal;
    private final AtomicBoolean released = new AtomicBoolean();

    Ticket(InetAddress perAddressKey, Refusal refusal) {
      this.perAddressKey = perAddressKey;
      this.refusal = refusal;
    }
  }

  /** Counts a socket just accepted from {@code peer}; null: far over a cap, close it now (not counted). */
  Ticket accept(InetAddress peer) {
    int total = metrics.sockets.incrementAndGet();
    if (total > hardLimit) {
      metrics.sockets.decrementAndGet();
      metrics.refused(Refusal.GLOBAL);
      return null;
    }
    InetAddress key = peer == null || addresses.isTrustedProxy(peer) ? null : peer;
    int fromAddress = key == null ? 0 : perIp.opened(key);
    if (maxPerAddress > 0 && fromAddress > maxPerAddress + REFUSAL_GRACE) {
      perIp.closed(key);
      metrics.sockets.decrementAndGet();
      metrics.refused(Refusal.PER_ADDRESS);
      return null;
    }
    Refusal refusal = null;
    if (total > maxConnections) {
      refusal = Refusal.GLOBAL;
    } else if (maxPerAddress > 0 && fromAddress > maxPerAddress) {
      refusal = Refusal.PER_ADDRESS;
    }
    if (refusal != null) {
      metrics.refused(refusal);
    }
    return new Ticket(key, refusal);
  }

  void release(Ticket ticket) {
    if (ticket != null && ticket.released.compareAndSet(false, true)) {
      metrics.sockets.decrementAndGet();
      if (ticket.perAddressKey != null) {
        perIp.closed(ticket.perAddressKey);
      }
    }
  }

  /** What a refused request is told. */
  String reason(Refusal refusal) {
    return refusal == Refusal.PER_ADDRESS
        ? "Too many connections from your address (limit " + maxPerAddress + "); try again later"
        : "Server full (limit " + maxConnections + " connections); try again later";
  }
}
