package dev.peerphone.signaling.server;

import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;

/** Connections for a TLS port: each a {@link TlsOrPlainChannel}; one daemon thread runs TLS handshake tasks. */
final class TlsOrPlainFactory implements WebSocketServerFactory {
  private final SSLContext tls;
  private final ExecutorService handshakeTasks = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "peerphone-tls");
    t.setDaemon(true);
    return t;
  });

  TlsOrPlainFactory(SSLContext tls) {
    this.tls = tls;
  }

  @Override
  public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
    return new TlsOrPlainChannel(channel, key, tls, handshakeTasks);
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter server, Draft draft) {
    return new WebSocketImpl(server, draft);
  }

  @Override
  public WebSocketImpl createWebSocket(WebSocketAdapter server, List<Draft> drafts) {
    return new WebSocketImpl(server, drafts);
  }

  @Override
  public void close() {
    handshakeTasks.shutdown();
  }
}
