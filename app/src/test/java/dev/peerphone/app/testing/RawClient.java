package dev.peerphone.app.testing;

import java.net.URI;
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      String m = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (m != null && m.contains(fragment)) {
        return m;
      }
    }
    throw new AssertionError("no message containing " + fragment);
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
