package dev.peerphone.signaling.server;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;

/**
 * Connections that have not completed a request yet (no full HTTP request head, or a TLS
 * handshake that never finishes). Java-WebSocket would keep them forever; {@link #sweep} drops
 * those older than the limit, so a client that connects and says nothing cannot hold a socket —
 * and a socket already refused by a connection cap sooner, after {@link #REFUSED_LIMIT_NANOS}:
 * it only waits to be told 503, and refused sockets must not pile up.
 *
 * <p>Answered plain HTTP requests need no deadline of their own: every response (the largest
 * file is ~15 KB) fits in the kernel's initial send buffer (16 KiB), so it is written whole and
 * the socket closed even if the client never reads.
 * Thread-safe: the selector thread adds, the timer thread sweeps.
 */
final class PendingRequests {
  /** How long a socket refused by a connection cap may take to send the request it is refused. */
  static final long REFUSED_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);
  private final Map<WebSocketImpl, Long> since = new ConcurrentHashMap<>();
  private final Metrics metrics;

  PendingRequests(Metrics metrics) {
    this.metrics = metrics;
  }

  void accepted(WebSocketImpl connection) {
    since.put(connection, System.nanoTime());
  }

  void forget(WebSocketImpl connection) {
    since.remove(connection);
  }

  /** Forgets connections that got past their request; drops those waiting longer than {@code limitNanos}. */
  void sweep(long nowNanos, long limitNanos) {
    for (Iterator<Map.Entry<WebSocketImpl, Long>> it = since.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<WebSocketImpl, Long> e = it.next();
      WebSocketImpl connection = e.getKey();
      long limit = connection instanceof DirectWrites.Tracked t && t.refusal() != null
          ? Math.min(limitNanos, REFUSED_LIMIT_NANOS) : limitNanos;
      if (connection.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
        it.remove();
      } else if (nowNanos - e.getValue() > limit) {
        it.remove();
        metrics.refused(Refusal.HANDSHAKE_TIMEOUT);
        connection.closeConnection(CloseFrame.NEVER_CONNECTED, "no complete request in time");
      }
    }
  }
}
