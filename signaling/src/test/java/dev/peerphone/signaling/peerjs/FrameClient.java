package dev.peerphone.signaling.peerjs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client recording every frame it receives, recorder style: PeerJS clients
 * (raw PeerServer frames, optionally sending {@code HEARTBEAT} as a page does) and Peerphone
 * clients alike. Frames are JSON objects; anything else is recorded as {@code __not-json__}.
 */
final class FrameClient extends WebSocketClient {
  static final long TIMEOUT_MS = 10_000;
  private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "test-heartbeats");
    t.setDaemon(true);
    return t;
  });

  final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  final String label;

  private FrameClient(URI uri, String label) {
    super(uri);
    this.label = label;
    setConnectionLostTimeout(0);
  }

  /** Opens a WebSocket to {@code uri}; fails the test if it cannot. */
  static FrameClient open(URI uri, String label) {
    FrameClient c = new FrameClient(uri, label);
    try {
      if (!c.connectBlocking(TIMEOUT_MS, TimeUnit.MILLISECONDS) && !c.opened) { // a refusal may close it at once
        fail(label + ": cannot connect to " + uri);
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return c;
  }

  /** A PeerJS client's socket: {@code base} is {@code ws://host:port{path}peerjs}; null parts are left out. */
  static FrameClient peerJs(String base, String key, String id, String token) {
    StringBuilder q = new StringBuilder(base).append("?version=1.5.5");
    if (key != null) {
      q.append("&key=").append(key);
    }
    if (id != null) {
      q.append("&id=").append(id);
    }
    if (token != null) {
      q.append("&token=").append(token);
    }
    return open(URI.create(q.toString()), id == null ? "(no id)" : id);
  }

  /** Sends {@code HEARTBEAT} every {@code ms} while open, as peerjs does every 5 s. */
  FrameClient heartbeat(long ms) {
    HEARTBEATS.scheduleWithFixedDelay(() -> {
      if (isOpen()) {
        send("{\"type\":\"HEARTBEAT\"}");
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
    return this;
  }

  private volatile boolean opened;

  @Override
  public void onOpen(ServerHandshake handshake) {
    opened = true;
  }

  @Override
  public void onMessage(String message) {
    try {
      received.add(JsonParser.parseString(message).getAsJsonObject());
    } catch (RuntimeException e) {
      JsonObject bad = new JsonObject();
      bad.addProperty("type", "__not-json__");
      bad.addProperty("raw", message);
      received.add(bad);
    }
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    closed.complete(code);
  }

  @Override
  public void onError(Exception ex) {}

  JsonObject next() {
    JsonObject m = poll(TIMEOUT_MS);
    if (m == null) {
      fail(label + ": no frame within " + TIMEOUT_MS + " ms");
    }
    return m;
  }

  /** The next frame that is not a Peerphone presence push. */
  JsonObject nextSkippingUsers() {
    while (true) {
      JsonObject m = next();
      if (!m.get("type").getAsString().equals("users")) {
        return m;
      }
    }
  }

  /** The next frame, which must have this type. */
  JsonObject next(String type) {
    JsonObject m = type.equals("users") ? next() : nextSkippingUsers();
    assertEquals(type, m.get("type").getAsString(), label + " got " + m);
    return m;
  }

  JsonObject poll(long ms) {
    try {
      return received.poll(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for the server to close this socket; returns the milliseconds waited. */
  long awaitClose() {
    long start = System.nanoTime();
    try {
      closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(label + ": not closed within " + TIMEOUT_MS + " ms", e);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Waits for the server to close this socket; returns the close code. */
  int awaitCloseCode() {
    try {
      return closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(label + ": not closed within " + TIMEOUT_MS + " ms", e);
    }
  }

  /** Asserts that nothing but presence pushes arrives within {@code ms}. */
  void expectNothing(long ms) {
    long end = System.currentTimeMillis() + ms;
    for (long left; (left = end - System.currentTimeMillis()) > 0; ) {
      JsonObject m = poll(left);
      if (m != null && !m.get("type").getAsString().equals("users")) {
        fail(label + ": unexpected " + m);
      }
    }
  }

  void assertNoMore() {
    received.removeIf(m -> m.get("type").getAsString().equals("users"));
    assertNull(received.peek(), label + " left over: " + received);
  }

  /** Takes presence pushes until one satisfies {@code ok} (other frames fail the test). */
  static void awaitUsers(FrameClient c, Predicate<List<JsonElement>> ok) {
    long end = System.currentTimeMillis() + FrameClient.TIMEOUT_MS;
    while (System.currentTimeMillis() < end) {
      JsonObject m = c.poll(end - System.currentTimeMillis());
      if (m == null) {
        break;
      }
      assertEquals("users", m.get("type").getAsString(), c.label + " got " + m);
      List<JsonElement> users = new ArrayList<>();
      m.getAsJsonArray("users").forEach(users::add);
      if (ok.test(users)) {
        return;
      }
    }
    throw new AssertionError(c.label + ": no matching presence push");
  }

  static String entry(List<JsonElement> users, String name) {
    for (JsonElement u : users) {
      if (u.getAsJsonObject().get("name").getAsString().equals(name)) {
        return u.toString();
      }
    }
    return "";
  }
}
