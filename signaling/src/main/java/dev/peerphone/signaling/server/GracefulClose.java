package dev.peerphone.signaling.server;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection the server closes with a close frame (1008 for abuse, 1009 for a frame over the
 * cap, 1001 at shutdown, ...) and that the client still reads to the end: every reply sent
 * before the close, the close frame with its code and reason, then a clean end of stream.
 *
 * <p>Why: Java-WebSocket closes the socket as soon as its close frame is written. If the client
 * has sent more than the server read by then (a flood of 1,200 pings arrives faster than the
 * server processes it), the kernel answers the close of a socket with unread input by a reset,
 * and the reset makes the client's kernel discard what the client had not read yet: the client
 * saw an abnormal close (1006) and not one of the replies. Here, once the close frame is written
 * (where Java-WebSocket would close), only the sending side is shut down (a FIN after the close
 * frame); the socket stays registered, and what the client still sends is read and discarded
 * (Java-WebSocket decodes nothing once the connection is closing) until the client ends its
 * side — then the socket is closed cleanly — or {@link #LINGER_MS} after the close began, when
 * it is closed whatever the client does. Closes without a close frame (a dropped connection,
 * an I/O error, an answered plain HTTP request) and closes the client started are immediate,
 * as before.
 *
 * <p>Threading: {@code close} may come from any thread, reads and writes from the selector
 * thread, the deadline from the linger timer; the state below is guarded by this connection's
 * monitor, which Java-WebSocket's own close methods hold too.
 */
class GracefulClose extends WebSocketImpl {
  private static final Logger log = LoggerFactory.getLogger(GracefulClose.class);
  /** How long a closed connection may wait for the client to end its side. */
  static final long LINGER_MS = 2_000;
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "peerphone-close-linger");
    t.setDaemon(true);
    return t;
  });

  /** True once this server began a close with a close frame. Guarded by this. */
  private boolean graceful;
  /** True once the close frame is written and the sending side shut down. Guarded by this. */
  private boolean lingering;
  /** True once the client ended its side or the deadline passed: the next close is real. Guarded by this. */
  private boolean finishing;
  /** Selector thread only: queued for one flush at the end of the current read ({@link DirectWrites}). */
  boolean flushQueued;

  GracefulClose(WebSocketListener listener, List<Draft> drafts) {
    super(listener, drafts);
  }

  GracefulClose(WebSocketListener listener, Draft draft) {
    super(listener, draft);
  }

  @Override
  public synchronized void close(int code, String message, boolean remote) {
    if (!remote && !graceful && isOpen() && code != CloseFrame.ABNORMAL_CLOSE) {
      graceful = true;
      TIMER.schedule(this::deadline, LINGER_MS, TimeUnit.MILLISECONDS);
    }
    super.close(code, message, remote);
  }

  /** Called where Java-WebSocket would close the socket: after the close frame is written, at end of stream, on errors. */
  @Override
  public synchronized void closeConnection(int code, String message, boolean remote) {
    if (graceful && !finishing && code != CloseFrame.ABNORMAL_CLOSE) {
      if (!lingering) {
        lingering = true;
        shutdownOutput();
      }
      return;
    }
    super.closeConnection(code, message, remote);
  }

  /** The client ended its side: nothing unread is left, so the socket closes cleanly now. */
  @Override
  public void eot() {
    synchronized (this) {
      finishing = true;
    }
    super.eot();
  }

  private void deadline() {
    try {
      synchronized (this) {
        if (isClosed()) {
          return;
        }
        finishing = true;
        closeConnection();
      }
    } catch (RuntimeException e) {
      log.debug("Closing a lingering connection failed: {}", e.toString());
    }
  }

  private void shutdownOutput() {
    if (getSelectionKey() != null && getSelectionKey().channel() instanceof SocketChannel socket) {
      try {
        socket.shutdownOutput();
      } catch (IOException e) {
        log.debug("Shutting down the sending side failed: {}", e.toString()); // the deadline closes it
      }
    }
  }
}
