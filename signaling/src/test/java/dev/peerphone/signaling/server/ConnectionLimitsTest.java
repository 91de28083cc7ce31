package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.signaling.tls.TestCertificates;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, items 1–3, with raw sockets against a real server: the handshake deadline, request
 * heads and bodies, caps counted from accept (per address and global), the login rate and names
 * per address, and {@code /metrics} by state and refusal cause.
 */
class ConnectionLimitsTest {
  private static final String UPGRADE = "GET %s HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

  @Test
  void silentAndHalfSentSocketsAreClosedWithinTheDeadlineWhileAClientLogsIn() throws Exception {
    ServerConfig config = ServerConfig.defaults().withHandshakeTimeout(Duration.ofMillis(600));
    try (ServerFixture f = new ServerFixture(config)) {
      List<Socket> slow = new ArrayList<>();
      long start = System.nanoTime();
      for (int port : new int[] {f.server.port(), f.server.httpPort()}) {
        for (int i = 0; i < 20; i++) {
          slow.add(open(port)); // silent
        }
        for (int i = 0; i < 10; i++) {
          Socket s = open(port);
          s.getOutputStream().write(String.format(UPGRADE, "/ws").getBytes(StandardCharsets.US_ASCII)); // no blank line
          slow.add(s);
        }
      }
      TestClient alice = f.login("alice"); // served normally meanwhile
      ErrorsTest.assertStillUsable(alice);
      for (Socket s : slow) {
        assertClosed(s);
        s.close();
      }
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < 4000, "all 60 closed soon after the 600 ms deadline: " + tookMs + " ms");
      ErrorsTest.assertStillUsable(alice); // past the deadline: an open WebSocket is not affected
      assertEquals(60, metric(f, "peerphone_refusals_total{cause=\"handshake-timeout\"}"));
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
    }
  }

  @Test
  void requestHeadsOver8KiBGet431AndBodiesAreRefusedOnBothPorts() throws Exception {
    try (ServerFixture f = new ServerFixture()) {
      for (int port : new int[] {f.server.port(), f.server.httpPort()}) {
        String big = SameOriginTest.raw(port, "GET / HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(9000) + "\r\n\r\n", null);
        assertTrue(big.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), big);
        String endless = SameOriginTest.raw(port, String.format(UPGRADE, "/ws") + "X-Filler: " + "a".repeat(20_000), null);
        assertTrue(endless.startsWith("HTTP/1.1 431 "), endless);
        String justUnder = SameOriginTest.raw(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: " + "a".repeat(7000)
            + "\r\n\r\n", null);
        assertTrue(justUnder.matches("(?s)HTTP/1.1 (200|426) .*"), justUnder);

        String body = SameOriginTest.raw(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", null);
        assertTrue(body.startsWith("HTTP/1.1 413 Content Too Large\r\n"), body);
        String chunked = SameOriginTest.raw(port, "HEAD / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5\r\nhello\r\n0\r\n\r\n", null);
        assertTrue(chunked.startsWith("HTTP/1.1 400 Bad Request\r\n"), chunked);
        String upgradeWithBody = SameOriginTest.raw(port, String.format(UPGRADE, "/ws")
            + "Content-Length: 4\r\n\r\nabcd", null);
        assertTrue(upgradeWithBody.startsWith("HTTP/1.1 413 "), upgradeWithBody);
        String badLength = SameOriginTest.raw(port, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", null);
        assertTrue(badLength.startsWith("HTTP/1.1 400 "), badLength);
      }
      assertEquals(4, metric(f, "peerphone_refusals_total{cause=\"head-too-large\"}"));
      assertEquals(8, metric(f, "peerphone_refusals_total{cause=\"body\"}"));
      ErrorsTest.assertStillUsable(f.login("alice"));
    }
  }

  @Test
  void socketsCountTowardThePerAddressCapFromAcceptAndFreeTheirSlotOnClose() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(3))) {
      Socket a = open(f.server.port()); // silent sockets on both ports: never a WebSocket
      Socket b = open(f.server.httpPort());
      TestClient carol = f.login("carol");
      for (int port : new int[] {f.server.port(), f.server.httpPort()}) {
        String refused = SameOriginTest.raw(port, String.format(UPGRADE, "/ws") + "\r\n", null);
        assertRefused(refused);
        assertTrue(refused.contains("address"), refused);
      }
      a.close();
      b.close();
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
      TestClient bob = f.login("bob"); // slots free again
      ErrorsTest.assertStillUsable(bob);
      ErrorsTest.assertStillUsable(carol);
      assertEquals(2, metric(f, "peerphone_refusals_total{cause=\"per-address\"}"));
    }
  }

  @Test
  void oneAddressCannotPileUpRefusedSockets() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(3))) {
      List<Socket> held = new ArrayList<>();
      for (int i = 0; i < 3 + ConnectionGate.REFUSAL_GRACE; i++) {
        held.add(open(f.server.port())); // the cap, then the grace: held until their request (503) or the deadline
      }
      long start = System.nanoTime();
      for (int i = 0; i < 5; i++) {
        try (Socket over = open(f.server.port())) {
          assertClosed(over); // at once, not after the 10 s deadline
        }
      }
      assertTrue(System.nanoTime() - start < 5_000_000_000L, "closed at accept");
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 3 + ConnectionGate.REFUSAL_GRACE);
      for (Socket s : held) {
        s.close();
      }
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
      ErrorsTest.assertStillUsable(f.login("alice"));
      assertEquals(ConnectionGate.REFUSAL_GRACE + 5, metric(f, "peerphone_refusals_total{cause=\"per-address\"}"));
    }
  }

  @Test
  void theGlobalCapRefusesWith503AndRecovers() throws Exception {
    ServerConfig config = ServerConfig.defaults().withMaxConnectionsPerIp(0).withMaxConnections(4);
    try (ServerFixture f = new ServerFixture(config)) {
      TestClient alice = f.login("alice");
      List<Socket> held = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        held.add(open(f.server.httpPort()));
      }
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 3);
      assertRefused(SameOriginTest.raw(f.server.httpPort(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", null));
      assertRefused(SameOriginTest.raw(f.server.port(), String.format(UPGRADE, "/") + "\r\n", null));
      // Far past the cap (4 + 4/8 + 16 = 20 sockets): closed at accept, the server stays responsive.
      List<Socket> flood = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        flood.add(open(f.server.port()));
      }
      ErrorsTest.assertStillUsable(alice);
      for (Socket s : flood) {
        s.close();
      }
      for (Socket s : held) {
        s.close();
      }
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
      TestClient bob = f.login("bob");
      ErrorsTest.assertStillUsable(bob);
      assertTrue(metric(f, "peerphone_refusals_total{cause=\"global\"}") >= 2 + 10);
    }
  }

  @Test
  void loginsPerAddressAreRateLimitedWithTheTypedError() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withAddressPolicy(3, 0))) {
      f.login("a1");
      f.login("a2");
      TestClient third = f.connect();
      third.send("{\"type\":\"login\",\"name\":\"with space\"}"); // a refused attempt counts too
      third.next("login");
      TestClient fourth = f.connect();
      fourth.send("{\"type\":\"login\",\"name\":\"a4\"}");
      JsonObject error = fourth.nextError("rate-limited");
      assertTrue(error.get("message").getAsString().contains("per minute"), error.toString());
      ErrorsTest.assertStillUsable(fourth); // told, not dropped
      assertEquals(1, metric(f, "peerphone_refusals_total{cause=\"login-rate\"}"));
    }
  }

  @Test
  void namesHeldPerAddressAreCapped() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withAddressPolicy(0, 2))) {
      TestClient a1 = f.login("a1");
      f.login("a2");
      TestClient third = f.connect();
      third.send("{\"type\":\"login\",\"name\":\"a3\"}");
      JsonObject error = third.nextError("rate-limited");
      assertTrue(error.get("message").getAsString().contains("names"), error.toString());
      a1.close();
      a1.awaitClose();
      awaitMetric(f, "peerphone_users", n -> n == 1);
      third.send("{\"type\":\"login\",\"name\":\"a3\"}");
      assertTrue(third.nextSkippingUsers("login").get("success").getAsBoolean());
      assertEquals(1, metric(f, "peerphone_refusals_total{cause=\"names-per-address\"}"));
    }
  }

  @Test
  void metricsCountConnectionsByState() throws Exception {
    try (ServerFixture f = new ServerFixture(); Socket silent = open(f.server.port())) {
      f.login("alice");
      f.connect();
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 1);
      awaitMetric(f, "peerphone_connections_by_state{state=\"open\"}", n -> n == 1);
      awaitMetric(f, "peerphone_connections_by_state{state=\"logged_in\"}", n -> n == 1);
      String scraped = SameOriginTest.raw(f.server.httpPort(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n", null);
      assertTrue(scraped.contains("peerphone_refusals_total{cause=\"global\"} 0"), scraped);
    }
  }

  @Test
  void overTlsTheDeadlineAndTheCapHoldToo(@TempDir Path dir) throws Exception {
    ServerConfig config = ServerConfig.defaults().withSelfSignedTls(dir).withMaxConnectionsPerIp(2)
        .withHandshakeTimeout(Duration.ofMillis(4000)); // long enough that both are still held when the third comes
    try (ServerFixture f = new ServerFixture(config)) {
      SSLContext pinned = TestCertificates.trusting(f.server.tlsCertificate());
      Socket silent = open(f.server.httpPort());
      SSLSocket tlsOnly = (SSLSocket) pinned.getSocketFactory().createSocket("127.0.0.1", f.server.httpPort());
      tlsOnly.setSoTimeout((int) TestClient.TIMEOUT_MS);
      tlsOnly.startHandshake(); // TLS done, then no request
      long start = System.nanoTime();
      HttpClient https = HttpClient.newBuilder().sslContext(pinned).build();
      HttpResponse<String> refused = https.send(HttpRequest.newBuilder(f.server.httpUri().resolve("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, refused.statusCode(), refused.body());
      assertEquals(String.valueOf(WsTransport.RETRY_AFTER_SECONDS), refused.headers().firstValue("Retry-After").orElse(""));
      assertClosed(silent);
      assertClosed(tlsOnly);
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs < 7000, "closed soon after the 4 s deadline: " + tookMs + " ms");
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
      assertEquals(200, https.send(HttpRequest.newBuilder(f.server.httpUri().resolve("/healthz")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(2, metric(f, "peerphone_refusals_total{cause=\"handshake-timeout\"}"));
    }
  }

  private static void assertRefused(String reply) {
    assertTrue(reply.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), reply);
    assertTrue(reply.contains("\r\nRetry-After: " + WsTransport.RETRY_AFTER_SECONDS + "\r\n"), reply);
  }

  private static Socket open(int port) throws Exception {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout((int) TestClient.TIMEOUT_MS);
    return s;
  }

  private static void assertClosed(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    try {
      assertEquals(-1, in.read(), "closed without an answer");
    } catch (SocketException | javax.net.ssl.SSLException reset) {
      // closed too (a reset when the server closes with unread bytes)
    }
  }

  static long metric(ServerFixture f, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\d+)$").matcher(f.server.metricsText());
    assertTrue(m.find(), series + " in\n" + f.server.metricsText());
    return Long.parseLong(m.group(1));
  }

  static void awaitMetric(ServerFixture f, String series, Predicate<Long> until) throws InterruptedException {
    long deadline = System.nanoTime() + TestClient.TIMEOUT_MS * 1_000_000;
    while (!until.test(metric(f, series))) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting on " + series + ": " + f.server.metricsText());
      Thread.sleep(20);
    }
  }
}
