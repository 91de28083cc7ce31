package dev.peerphone.signaling.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.java_websocket.SSLSocketChannel2;
import org.java_websocket.WrappedByteChannel;

/**
 * A connection to a TLS port that decides by its first byte what it is: 0x16 (a TLS handshake
 * record) makes it Java-WebSocket's TLS channel over the same socket, anything else a plain
 * channel, which {@link WsTransport} answers with a redirect to https. The byte read to decide
 * is replayed ({@link ReplayingSocketChannel}). Read and written by the selector thread only.
 */
final class TlsOrPlainChannel implements WrappedByteChannel {
  private static final byte TLS_HANDSHAKE = 0x16;
  private final SocketChannel socket;
  private final SelectionKey key;
  private final SSLContext tls;
  private final ExecutorService handshakeTasks;
  /** Set once by the selector thread; volatile because a close may come from another thread. */
  private volatile ByteChannel decided;
  private volatile WrappedByteChannel secure;

  TlsOrPlainChannel(SocketChannel socket, SelectionKey key, SSLContext tls, ExecutorService handshakeTasks) {
    this.socket = socket;
    this.key = key;
    this.tls = tls;
    this.handshakeTasks = handshakeTasks;
  }

  /** True once the first byte showed a plain (not TLS) client. */
  boolean isPlain() {
    return decided != null && secure == null;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (decided == null) {
      ByteBuffer first = ByteBuffer.allocate(1);
      int n = socket.read(first);
      if (n <= 0) {
        return n;
      }
      first.flip();
      ReplayingSocketChannel replaying = new ReplayingSocketChannel(socket, first);
      if (first.get(0) == TLS_HANDSHAKE) {
        SSLEngine engine = tls.createSSLEngine();
        engine.setUseClientMode(false);
        secure = new SSLSocketChannel2(replaying, engine, handshakeTasks, key);
        decided = secure;
      } else {
        decided = replaying;
      }
    }
    return decided.read(dst);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return decided == null ? 0 : decided.write(src);
  }

  @Override
  public boolean isNeedWrite() {
    return secure != null && secure.isNeedWrite();
  }

  @Override
  public void writeMore() throws IOException {
    if (secure != null) {
      secure.writeMore();
    }
  }

  @Override
  public boolean isNeedRead() {
    return secure != null && secure.isNeedRead();
  }

  @Override
  public int readMore(ByteBuffer dst) throws IOException {
    return secure != null ? secure.readMore(dst) : 0;
  }

  @Override
  public boolean isBlocking() {
    return socket.isBlocking();
  }

  @Override
  public boolean isOpen() {
    return socket.isOpen();
  }

  @Override
  public void close() throws IOException {
    if (decided != null) {
      decided.close();
    } else {
      socket.close();
    }
  }
}
