package dev.peerphone.signaling.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.SocketChannelIOHelper;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketListener;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes frames straight to the socket when they are sent from the selector thread. Java-
 * WebSocket instead queues each frame, switches the key to OP_WRITE and wakes the selector, so
 * one relayed message costs two epoll_ctl calls, an eventfd write and an extra select round.
 * Most relays are sent from the selector thread (see {@link SerialExecutor}); a partial write, a
 * write error or a send from any other thread takes Java-WebSocket's usual path.
 *
 * <p>While the selector thread decodes what it read from one connection ({@link #decoding}), the
 * frames it sends are only queued, and each connection written to is flushed once at the end with
 * one gathering write: a read that carried four candidates for one peer costs one {@code writev}
 * instead of four {@code write} calls. Frames keep their order (one queue per connection).
 *
 * <p>Implemented as a factory wrapper that gives each connection a listener which forwards
 * everything to the server and only intercepts {@code onWriteDemand} (and drops messages that
 * arrive once the connection is closing). Its connections close gracefully ({@link GracefulClose}).
 */
final class DirectWrites implements WebSocketServerFactory {
  private static final Logger log = LoggerFactory.getLogger(DirectWrites.class);
  private final WebSocketServerFactory inner;
  private final PendingRequests pending;
  private final ConnectionGate gate;
  private volatile Thread selectorThread;
  /** Selector thread only: true while it decodes one read ({@link #decoding}). */
  private boolean deferring;
  /** Selector thread only: connections sent to while deferring, each once, in first-send order. */
  private final List<GracefulClose> toFlush = new ArrayList<>();

  /**
   * Every connection it creates is also registered with {@code pending} until its request is
   * complete, and counted by {@code gate} from accept until it closes.
   */
  DirectWrites(WebSocketServerFactory inner, PendingRequests pending, ConnectionGate gate) {
    this.inner = inner;
    this.pending = pending;
    this.gate = gate;
  }

  /** A connection with its place in the {@link ConnectionGate} counts, closed gracefully. */
  static final class Tracked extends GracefulClose {
    /** Set once on the selector thread at accept; null if it was never counted. */
    volatile ConnectionGate.Ticket ticket;

    Tracked(WebSocketListener listener, List<Draft> drafts) {
      super(listener, drafts);
    }

    /** Why this connection's request is refused (503), or null. */
    Refusal refusal() {
      ConnectionGate.Ticket t = ticket;
      return t == null ? null : t.refusal;
    }
  }

  /** Called on the selector thread once it runs (from {@code onStart}). */
  void selectorStarted() {
    selectorThread = Thread.currentThread();
  }

  /**
   * Selector thread: runs {@code decode} (decoding one read, which may relay many frames), then
   * flushes every connection it sent to, once each.
   */
  void decoding(Runnable decode) {
    deferring = true;
    try {
      decode.run();
    } finally {
      deferring = false;
      for (int i = 0; i < toFlush.size(); i++) {
        GracefulClose connection = toFlush.get(i);
        connection.flushQueued = false;
        try {
          flush(connection);
        } catch (RuntimeException e) { // never let one connection stop the selector or the others' flush
          log.warn("Writing to a connection failed", e);
          connection.closeConnection(CloseFrame.ABNORMAL_CLOSE, "write failed");
        }
      }
      toFlush.clear();
    }
  }

  /**
   * Selector thread, while deferring: {@code impl} is flushed at the end of this read. False for
   * a connection this factory did not make (it is written at once, as before).
   */
  private boolean defer(WebSocketImpl impl) {
    if (!(impl instanceof GracefulClose connection)) {
      return false;
    }
    if (!connection.flushQueued) { // a presence push may reach thousands: no scan
      connection.flushQueued = true;
      toFlush.add(connection);
    }
    return true;
  }

  /** Selector thread: writes what waits for {@code impl} now, else leaves it to the selector. */
  private void flush(WebSocketImpl impl) {
    ByteChannel channel = impl.getChannel();
    if (channel != null) {
      try {
        if (channel instanceof GatheringByteChannel gathering && impl.outQueue.size() > 1) {
          writeGathering(impl, gathering);
        }
        if (SocketChannelIOHelper.batch(impl, channel) && impl.outQueue.isEmpty()) {
          return; // all written: no OP_WRITE, no wake-up
        }
      } catch (IOException e) {
        // fall through: the selector's own write attempt meets the error and closes properly
      }
    }
    impl.getWebSocketListener().onWriteDemand(impl);
  }

  /** One {@code writev} for everything queued; fully written buffers leave the queue. */
  private static void writeGathering(WebSocketImpl impl, GatheringByteChannel channel) throws IOException {
    ByteBuffer[] queued = impl.outQueue.toArray(new ByteBuffer[0]);
    channel.write(queued);
    for (ByteBuffer b : queued) {
      if (b.hasRemaining()) {
        return;
      }
      impl.outQueue.poll();
    }
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter server, Draft draft) {
    return new GracefulClose(new Listener(server), draft);
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter server, List<Draft> drafts) {
    Tracked connection = new Tracked(new Listener(server), drafts);
    pending.accepted(connection);
    return connection;
  }

  /** Called right after accept, on the selector thread: the socket is counted here. */
  @Override
  public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
    if (!(key.attachment() instanceof Tracked connection)) {
      return inner.wrapChannel(channel, key);
    }
    InetAddress peer = channel.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    ConnectionGate.Ticket ticket = gate.accept(peer);
    if (ticket == null) {
      pending.forget(connection);
      throw new IOException("far over the connection limit: closed at accept"); // the server closes it
    }
    connection.ticket = ticket;
    try {
      return inner.wrapChannel(channel, key);
    } catch (IOException | RuntimeException e) {
      gate.release(ticket);
      throw e;
    }
  }

  @Override
  public void close() {
    inner.close();
  }

  /** Forwards to the server; writes directly when on the selector thread. */
  private final class Listener implements WebSocketListener {
    private final WebSocketAdapter server;

    Listener(WebSocketAdapter server) {
      this.server = server;
    }

    @Override
    public void onWriteDemand(WebSocket conn) {
      if (Thread.currentThread() == selectorThread && conn instanceof WebSocketImpl impl
          && impl.getChannel() != null) {
        if (deferring && defer(impl)) {
          return;
        }
        try {
          if (SocketChannelIOHelper.batch(impl, impl.getChannel()) && impl.outQueue.isEmpty()) {
            return; // all written: no OP_WRITE, no wake-up
          }
        } catch (IOException e) {
          // fall through: the selector's own write attempt meets the error and closes properly
        }
      }
      server.onWriteDemand(conn);
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
        ClientHandshake request) throws InvalidDataException {
      return server.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onWebsocketHandshakeReceivedAsClient(WebSocket conn, ClientHandshake request,
        org.java_websocket.handshake.ServerHandshake response) throws InvalidDataException {
      server.onWebsocketHandshakeReceivedAsClient(conn, request, response);
    }

    @Override
    public void onWebsocketHandshakeSentAsClient(WebSocket conn, ClientHandshake request)
        throws InvalidDataException {
      server.onWebsocketHandshakeSentAsClient(conn, request);
    }

    /** Frames decoded in the same read as the one that closed the connection are not processed. */
    @Override
    public void onWebsocketMessage(WebSocket conn, String message) {
      if (conn.isOpen()) {
        server.onWebsocketMessage(conn, message);
      }
    }

    @Override
    public void onWebsocketMessage(WebSocket conn, ByteBuffer blob) {
      if (conn.isOpen()) {
        server.onWebsocketMessage(conn, blob);
      }
    }

    @Override
    public void onWebsocketOpen(WebSocket conn, Handshakedata handshake) {
      server.onWebsocketOpen(conn, handshake);
    }

    @Override
    public void onWebsocketClose(WebSocket conn, int code, String reason, boolean remote) {
      if (conn instanceof Tracked t) {
        gate.release(t.ticket); // whatever its state: handshaking, answered, open or logged in
      }
      server.onWebsocketClose(conn, code, reason, remote);
    }

    @Override
    public void onWebsocketClosing(WebSocket conn, int code, String reason, boolean remote) {
      server.onWebsocketClosing(conn, code, reason, remote);
    }

    @Override
    public void onWebsocketCloseInitiated(WebSocket conn, int code, String reason) {
      server.onWebsocketCloseInitiated(conn, code, reason);
    }

    @Override
    public void onWebsocketError(WebSocket conn, Exception ex) {
      server.onWebsocketError(conn, ex);
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata frame) {
      server.onWebsocketPing(conn, frame);
    }

    @Override
    public PingFrame onPreparePing(WebSocket conn) {
      return server.onPreparePing(conn);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata frame) {
      server.onWebsocketPong(conn, frame);
    }

    @Override
    public InetSocketAddress getLocalSocketAddress(WebSocket conn) {
      return server.getLocalSocketAddress(conn);
    }

    @Override
    public InetSocketAddress getRemoteSocketAddress(WebSocket conn) {
      return server.getRemoteSocketAddress(conn);
    }
  }
}
