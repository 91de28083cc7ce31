package dev.peerphone.signaling.server;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@link WsTransport} decode frames on the selector thread instead of handing every read to
 * a decoder thread: Java-WebSocket reads on the selector thread, queues the buffer to a worker,
 * and the worker returns it to a private pool. Decoding inline saves one thread wake-up per
 * message; this class reaches that pool so buffers still go back to it.
 *
 * <p>The pool is a private field of Java-WebSocket 1.6.0. If a future version renames it,
 * {@link #attach} returns null and the server keeps Java-WebSocket's own decoder threads.
 */
final class InlineDecoding {
  private static final Logger log = LoggerFactory.getLogger(InlineDecoding.class);
  private final BlockingQueue<ByteBuffer> pool;

  private InlineDecoding(BlockingQueue<ByteBuffer> pool) {
    this.pool = pool;
  }

  /** Null when this Java-WebSocket version does not have the expected buffer pool. */
  @SuppressWarnings("unchecked")
  static InlineDecoding attach(WebSocketServer server) {
    try {
      Field field = WebSocketServer.class.getDeclaredField("buffers");
      field.setAccessible(true);
      Object pool = field.get(server);
      if (pool instanceof BlockingQueue<?>) {
        return new InlineDecoding((BlockingQueue<ByteBuffer>) pool);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Decoding on Java-WebSocket's worker threads ({}); relaying costs one more thread hop", e.toString());
    }
    return null;
  }

  /** Hands a read buffer back to the pool the selector thread takes from. */
  void release(ByteBuffer buffer) {
    pool.offer(buffer);
  }
}
