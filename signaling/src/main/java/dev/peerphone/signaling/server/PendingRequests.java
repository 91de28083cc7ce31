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

  void accepted(WebSocketImpl connection) {
    since.put(connection, System.nanoTime());
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
        connection.closeConnection(CloseFrame.NEVER_CONNECTED, "no complete request in time");
      }
    }
  }
}
