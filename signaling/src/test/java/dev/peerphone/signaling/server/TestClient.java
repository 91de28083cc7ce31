package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A real WebSocket client that records every message it receives, recorder style: tests take
 * messages in order with a timeout and finally assert nothing unexpected is left over.
 */
final class TestClient extends WebSocketClient {
  /** Generous: CI machines have two cores and run WebRTC tests beside these. */
  static final long TIMEOUT_MS = 10_000;

  final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  /** Completes with the close code when the server (or we) close. */
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  volatile boolean answerPings = true;
  /** The name this client logged in with via {@link #login}, else null. */
  volatile String name;
  /** The resume token of this client's login via {@link #login}, else null. */
  volatile String token;
  private final String label;

  TestClient(URI uri, Map<String, String> headers, String label) {
    super(uri, headers);
    this.label = label;
    setConnectionLostTimeout(0);
  }

  static TestClient connect(URI uri) {
    return connect(uri, Map.of(), null);
  }

  static TestClient connect(URI uri, Map<String, String> headers, SSLContext tls) {
    TestClient client = new TestClient(uri, headers, uri.toString());
    if (tls != null) {
      client.setSocketFactory(tls.getSocketFactory());
    }
    try {
      assertTrue(client.connectBlocking(TIMEOUT_MS, TimeUnit.MILLISECONDS), "connect to " + uri);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return client;
  }

  /** Connects without asserting the connection stays open (for connections the server refuses). */
  static TestClient attempt(URI uri) {
    return attempt(uri, Map.of());
  }

  /** As {@link #attempt(URI)}, with extra request headers. */
  static TestClient attempt(URI uri, Map<String, String> headers) {
    TestClient client = new TestClient(uri, headers, uri.toString());
    try {
      client.connectBlocking(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return client;
  }

  /**
   * Connects and logs in as {@code name} announcing {@code features:["ring"]}, like Peerphone's
   * own clients, consuming the login reply.
   */
  static TestClient login(URI uri, String name) {
    return login(uri, name, ",\"features\":[\"ring\"]");
  }

  /** Logs in as a classic tutorial page does: no features (calls to it are auto-accepted). */
  static TestClient loginClassic(URI uri, String name) {
    return login(uri, name, "");
  }

  private static TestClient login(URI uri, String name, String extra) {
    TestClient client = connect(uri);
    client.send("{\"type\":\"login\",\"name\":\"" + name + "\"" + extra + "}");
    JsonObject reply = client.next("login");
    assertTrue(reply.get("success").getAsBoolean(), "login of " + name + ": " + reply);
    client.name = name;
    client.token = reply.has("token") ? reply.get("token").getAsString() : null;
    return client;
  }

  @Override
  public void onOpen(ServerHandshake handshake) {}

  @Override
  public void onMessage(String message) {
    try {
      received.add(JsonParser.parseString(message).getAsJsonObject());
    } catch (RuntimeException e) {
      JsonObject bad = new JsonObject();
      bad.addProperty("type", "__not-a-json-object__");
      bad.addProperty("raw", message);
      received.add(bad);
    }
  }

  @Override
  public void onWebsocketPing(WebSocket conn, Framedata f) {
    if (answerPings) {
      super.onWebsocketPing(conn, f);
    }
  }

  @Override
  public void onClose(int code, String reason, boolean remote) {
    closed.complete(code);
  }

  @Override
  public void onError(Exception ex) {}

  /** The next message, which must have the given type. */
  JsonObject next(String type) {
    JsonObject message = poll(TIMEOUT_MS);
    if (message == null) {
      fail(label + ": no \"" + type + "\" message within " + TIMEOUT_MS + " ms");
    }
    assertEquals(type, message.get("type").getAsString(), label + " got " + message);
    return message;
  }

  /** The next message, whatever its type. */
  JsonObject nextAny() {
    JsonObject message = poll(TIMEOUT_MS);
    if (message == null) {
      fail(label + ": no message within " + TIMEOUT_MS + " ms");
    }
    return message;
  }

  /** The next message that has the given type, skipping presence pushes ("users"). */
  JsonObject nextSkippingUsers(String type) {
    while (true) {
      JsonObject message = poll(TIMEOUT_MS);
      if (message == null) {
        fail(label + ": no \"" + type + "\" message within " + TIMEOUT_MS + " ms");
      }
      if (!type.equals("users") && message.get("type").getAsString().equals("users")) {
        continue;
      }
      assertEquals(type, message.get("type").getAsString(), label + " got " + message);
      return message;
    }
  }

  /** The next error; asserts its code. */
  JsonObject nextError(String code) {
    JsonObject error = nextSkippingUsers("error");
    assertEquals(code, error.get("code").getAsString(), "error " + error);
    assertTrue(error.has("message") && !error.get("message").getAsString().isEmpty(), "error has a message");
    return error;
  }

  JsonObject poll(long timeoutMs) {
    try {
      return received.poll(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts that, apart from presence pushes, nothing arrives within {@code ms}. */
  void expectNothingBut_users(long ms) {
    long end = System.currentTimeMillis() + ms;
    while (true) {
      long left = end - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      JsonObject message = poll(left);
      if (message != null && !message.get("type").getAsString().equals("users")) {
        fail(label + ": unexpected " + message);
      }
    }
  }

  /** Drops queued presence pushes; returns the last one or null. */
  JsonObject drainUsers() {
    JsonObject last = null;
    for (JsonObject m; (m = received.peek()) != null && m.get("type").getAsString().equals("users"); ) {
      last = received.poll();
    }
    return last;
  }

  int awaitClose() {
    try {
      return closed.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError(label + ": not closed within " + TIMEOUT_MS + " ms", e);
    }
  }

  void assertNoMore() {
    drainUsers();
    assertNull(received.peek(), "left over: " + received);
  }
}
