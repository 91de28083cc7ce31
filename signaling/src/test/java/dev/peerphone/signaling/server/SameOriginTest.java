package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP port serves the browser client and, at {@code /ws}, the same signaling: one origin. */
class SameOriginTest {
  @RegisterExtension
  final ServerFixture f = ServerFixture.started();

  private URI sameOrigin() {
    return URI.create("ws://127.0.0.1:" + f.server.httpPort() + "/ws");
  }

  private String base() {
    return "http://127.0.0.1:" + f.server.httpPort();
  }

  @Test
  void wsOnTheHttpPortSpeaksTheFullProtocolWithClientsOfTheWebSocketPort() {
    assertEquals(sameOrigin(), f.server.sameOriginWebSocketUri());
    TestClient page = f.track(TestClient.login(sameOrigin(), "page"));
    TestClient desk = f.login("desk");
    page.send("{\"type\":\"offer\",\"name\":\"desk\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    JsonObject offer = desk.nextSkippingUsers("offer");
    assertEquals("page", offer.get("name").getAsString(), "stamped with the sender");
    desk.send("{\"type\":\"answer\",\"name\":\"page\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}");
    assertEquals("desk", page.nextSkippingUsers("answer").get("name").getAsString());
    page.send("{\"type\":\"bogus\"}");
    page.nextError("unknown-type");
    page.send("{\"type\":\"ping\"}");
    page.nextSkippingUsers("pong");
    page.send("{\"type\":\"chat\",\"name\":\"desk\",\"text\":\"" + "x".repeat(64 * 1024) + "\"}");
    page.nextError("too-large"); // the same frame limit as the WebSocket port, then closed
    page.awaitClose(); // 1009, though the client may see 1006 when its own send is cut (as on the WebSocket port)
    assertEquals("page", desk.nextSkippingUsers("leave").get("name").getAsString());
    desk.assertNoMore();
  }

  @Test
  void theHttpPortAnswersGetHeadAndRefusesOtherMethods() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base() + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script type=\"module\""), page.body());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("connect-src 'self'"));
    assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));

    HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base() + "/signaling.js"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body());
    assertTrue(Long.parseLong(head.headers().firstValue("Content-Length").orElse("0")) > 100);

    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("a=1")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));

    assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base() + "/nothing.html")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    HttpResponse<String> ws = http.send(HttpRequest.newBuilder(URI.create(base() + "/ws")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(426, ws.statusCode(), "a plain request to /ws");
  }

  @Test
  void rawRequestsGetOneCompleteResponseAndTheConnectionCloses() throws Exception {
    String reply = raw("GET /healthz?probe=1 HTTP/1.0\r\nHost: x\r\n\r\n");
    assertTrue(reply.startsWith("HTTP/1.1 200 OK\r\n"), reply);
    assertTrue(reply.contains("\r\nConnection: close\r\n"), reply);
    assertTrue(reply.endsWith("\r\n\r\nok\n"), reply);
    String delete = raw("DELETE /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
    assertTrue(delete.startsWith("HTTP/1.1 405 Method Not Allowed\r\n"), delete);
    String garbage = raw("\u0001\u0002 hello\r\n\r\n");
    assertTrue(garbage.startsWith("HTTP/1.1 400 Bad Request\r\n"), garbage);
    String oldVersion = raw("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n");
    assertTrue(oldVersion.startsWith("HTTP/1.1 400 Bad Request\r\n"), oldVersion);
    String huge = raw("GET / HTTP/1.1\r\nX-Filler: " + "a".repeat(20_000));
    assertTrue(huge.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), huge);
    // An upgrade anywhere but /ws is not a WebSocket on this port: the page itself comes back.
    String upgradeAtRoot = raw("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    assertTrue(upgradeAtRoot.startsWith("HTTP/1.1 200 OK\r\n"), upgradeAtRoot);
    String upgradeAtWs = raw("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
        "\r\n\r\n");
    assertTrue(upgradeAtWs.startsWith("HTTP/1.1 101 "), upgradeAtWs);
  }

  @Test
  void theWebSocketPortTellsPlainRequestsToUpgrade() throws Exception {
    String reply = raw(f.server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", null);
    assertTrue(reply.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), reply);
  }

  @Test
  void healthAndMetricsAreUnchanged() throws Exception {
    TestClient a = f.track(TestClient.login(sameOrigin(), "alice"));
    f.login("bob");
    a.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"hi\"}");
    HttpClient http = HttpClient.newHttpClient();
    assertEquals("ok", http.send(HttpRequest.newBuilder(URI.create(base() + "/healthz")).build(),
        HttpResponse.BodyHandlers.ofString()).body().strip());
    String metrics = http.send(HttpRequest.newBuilder(URI.create(base() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("peerphone_connections 2"), "plain HTTP requests are not connections: " + metrics);
    assertTrue(metrics.contains("peerphone_users 2"), metrics);
  }

  @Test
  void thePerAddressCapCountsConnectionsOnBothPorts() throws Exception {
    try (ServerFixture capped = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(2))) {
      capped.connect();
      capped.track(TestClient.connect(URI.create("ws://127.0.0.1:" + capped.server.httpPort() + "/ws")));
      TestClient third = capped.track(TestClient.attempt(
          URI.create("ws://127.0.0.1:" + capped.server.httpPort() + "/ws")));
      assertFalse(third.isOpen(), "the third upgrade is refused (503, counted from accept)");
      String plain = raw(capped.server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", null);
      assertTrue(plain.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), plain);
    }
  }

  @Test
  void aConnectionThatNeverCompletesItsRequestIsDropped() throws Exception {
    ServerConfig quick = ServerConfig.defaults().withHandshakeTimeout(Duration.ofMillis(400));
    try (ServerFixture f = new ServerFixture(quick)) {
      for (int port : new int[] {f.server.port(), f.server.httpPort()}) {
        try (Socket slow = new Socket("127.0.0.1", port)) {
          slow.setSoTimeout((int) TestClient.TIMEOUT_MS);
          slow.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
          assertEquals(-1, slow.getInputStream().read(), "closed, port " + port);
        }
      }
    }
  }

  private String raw(String request) throws Exception {
    return raw(f.server.httpPort(), request, null);
  }

  private String raw(String request, String until) throws Exception {
    return raw(f.server.httpPort(), request, until);
  }

  /** Sends bytes as they are and reads until the server closes (or {@code until} has arrived). */
  static String raw(int port, String request, String until) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) TestClient.TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        reply.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        if (until != null && reply.indexOf(until) >= 0) {
          break;
        }
      }
      return reply.toString();
    }
  }
}
