package dev.peerphone.signaling.server;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.TextFrame;

/**
 * {@link Link} over a Java-WebSocket connection, with a bound on what waits unsent: Java-
 * WebSocket queues without limit for a client that stops reading (its kernel buffers full), so
 * such a client — or two sockets of one abuser, one sending to the other — could fill the heap
 * before the pings find it dead. A connection with more than {@link #MAX_QUEUED_FRAMES} frames or
 * {@code maxQueuedBytes} bytes waiting is dropped as a slow reader (what it was sent is lost to it
 * alone; its partners see it leave as for any lost connection).
 */
final class WsLink implements Link {
  /** Frames waiting unsent past which a connection is a slow reader, whatever their size. */
  static final int MAX_QUEUED_FRAMES = 4096;
  private final WebSocket connection;
  private final long maxQueuedBytes;
  private final Metrics metrics;
  /**
   * At least the bytes waiting unsent: the exact sum when last counted plus what was sent since
   * (written from the core thread; an occasional stale value only moves the next recount).
   */
  private long queuedEstimate;

  /** {@code maxQueuedBytes}: bytes waiting unsent past which the connection is dropped as a slow reader. */
  WsLink(WebSocket connection, long maxQueuedBytes, Metrics metrics) {
    this.connection = connection;
    this.maxQueuedBytes = maxQueuedBytes;
    this.metrics = metrics;
  }

  /**
   * Sends a frame built from bytes we encoded ourselves: Java-WebSocket's {@code send(String)}
   * re-validates the UTF-8 it just produced, which costs about a fifth of the server's CPU.
   */
  @Override
  public void send(Encoded text) {
    TextFrame frame = new TextFrame();
    frame.setPayload(ByteBuffer.wrap(text.utf8()));
    try {
      connection.sendFrame(frame);
    } catch (WebsocketNotConnectedException e) {
      return; // closing: its onClose is on the way and will clean up
    }
    if (connection instanceof WebSocketImpl impl) {
      checkBacklog(impl, text.utf8().length);
    }
  }

  /** Drops the connection when too much waits unsent; the exact byte count is taken only past the cap. */
  private void checkBacklog(WebSocketImpl impl, int justSent) {
    int frames = impl.outQueue.size();
    if (frames == 0) {
      queuedEstimate = 0;
      return;
    }
    queuedEstimate += justSent;
    if (frames > MAX_QUEUED_FRAMES || queuedEstimate > maxQueuedBytes && (queuedEstimate = queued(impl)) > maxQueuedBytes) {
      metrics.dropped(Drop.SLOW_READER);
      impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, "slow reader: " + frames + " frames unsent");
    }
  }

  private static long queued(WebSocketImpl impl) {
    long bytes = 0;
    for (ByteBuffer b : impl.outQueue) {
      bytes += b.remaining();
    }
    return bytes;
  }

  @Override
  public void close(int code, String reason) {
    connection.close(code, reason);
  }

  @Override
  public void drop(String reason) {
    if (connection instanceof WebSocketImpl impl) {
      impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    } else {
      connection.close(CloseFrame.GOING_AWAY, reason);
    }
  }

  @Override
  public void ping() {
    try {
      connection.sendPing();
    } catch (WebsocketNotConnectedException e) {
      // closing
    }
  }
}
