package dev.peerphone.app.testing;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A bare WebSocket client speaking JSON by hand, to send what a buggy or hostile page would. */
public final class RawClient extends WebSocketClient {
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  public RawClient(URI uri) {
    super(uri);
  }

  /** Connects and logs in as {@code name}; returns when the login reply arrived. */
  public static RawClient login(URI uri, String name) throws InterruptedException {
    RawClient c = new RawClient(uri);
    if (!c.connectBlocking(5, TimeUnit.SECONDS)) {
      throw new AssertionError("raw client could not connect");
    }
    c.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
    c.awaitContaining("\"login\"");
    return c;
  }

  public String awaitContaining(String fragment) throws InterruptedException {
    String m = pollContaining(fragment, Duration.ofSeconds(10));
    if (m == null) {
      throw new AssertionError("no message containing " + fragment);
    }
    return m;
  }

  /** The next message containing {@code fragment} within {@code timeout} (others are skipped), or null. */
  public String pollContaining(String fragment, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      String m = received.poll(left, TimeUnit.NANOSECONDS);
      if (m != null && m.contains(fragment)) {
        return m;
      }
    }
    return null;
  }

  @Override
  public void onOpen(ServerHandshake handshake) {}

  @Override
  public void onMessage(String message) {
    received.add(message);
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {}

  @Override
  public void onError(Exception ex) {}
}
