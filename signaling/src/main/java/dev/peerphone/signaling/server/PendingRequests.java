package dev.peerphone.signaling.server;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.enums.ReadyState;
import org.java_websocket.framing.CloseFrame;

/**
 * Connections that have not completed a request yet (no full HTTP request head, or a TLS
 * handshake that never finishes). Java-WebSocket would keep them forever; {@link #sweep} drops
 * those older than the limit, so a client that connects and says nothing cannot hold a socket.
 * Thread-safe: the selector thread adds, the timer thread sweeps.
 */
final class PendingRequests {
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
      if (connection.getReadyState() != ReadyState.NOT_YET_CONNECTED) {
        it.remove();
      } else if (nowNanos - e.getValue() > limitNanos) {
        it.remove();
        metrics.refused(Refusal.HANDSHAKE_TIMEOUT);
        connection.closeConnection(CloseFrame.NEVER_CONNECTED, "no complete request in time");
      }
    }
  }
}
