package dev.peerphone.signaling.server;

import static dev.peerphone.signaling.server.ConnectionLimitsTest.awaitMetric;
import static dev.peerphone.signaling.server.ConnectionLimitsTest.metric;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading or are refused must not hold the server's memory or sockets: a
 * logged-in client that never reads what it is sent is dropped once its unsent backlog passes the
 * bound (instead of Java-WebSocket queueing without limit), an unread page does not keep its
 * socket, and a socket refused by a cap waits at most two seconds for its request.
 */
class SlowClientsTest {
  private static final String UPGRADE = "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

  @Test
  void aLoggedInClientThatStopsReadingIsDroppedWhileItsSenderIsServed() throws Exception {
    // The sender may send fast (its own rate limit is not under test): 300 chats of 40 KB = 12 MB
    // towards a reader that takes nothing, far past the 1 MiB backlog bound plus kernel buffers.
    ServerConfig config = ServerConfig.defaults()
        .withRateLimit(new ServerConfig.RateLimit(10_000, 10_000, 20, Duration.ofSeconds(10)));
    try (ServerFixture f = new ServerFixture(config); Socket victim = new Socket()) {
      victim.setReceiveBufferSize(4096);
      victim.connect(new InetSocketAddress("127.0.0.1", f.server.port()), 5000);
      victim.setSoTimeout((int) TestClient.TIMEOUT_MS);
      victim.getOutputStream().write(UPGRADE.getBytes(StandardCharsets.US_ASCII));
      victim.getOutputStream().write(RawWebSocket.textFrame("{\"type\":\"login\",\"name\":\"victim\"}"));
      assertTrue(readHead(victim.getInputStream()).startsWith("HTTP/1.1 101"));
      TestClient alice = f.login("alice");
      awaitMetric(f, "peerphone_users", n -> n == 2);

      String text = "x".repeat(40_000);
      for (int i = 0; i < 300; i++) {
        alice.send("{\"type\":\"chat\",\"name\":\"victim\",\"text\":\"" + text + "\"}");
      }
      awaitMetric(f, "peerphone_dropped_connections_total{cause=\"slow-reader\"}", n -> n == 1);
      awaitMetric(f, "peerphone_users", n -> n == 1); // the name is free again
      // the chats the server took after the drop were answered unknown-user; then alice is served as ever
      alice.send("{\"type\":\"ping\"}");
      for (JsonObject m; !(m = alice.nextAny()).get("type").getAsString().equals("pong"); ) {
        assertTrue(m.get("type").getAsString().equals("users")
            || m.get("type").getAsString().equals("error") && m.get("code").getAsString().equals("unknown-user"), m.toString());
      }
      ErrorsTest.assertStillUsable(alice);
      assertEquals(1, metric(f, "peerphone_dropped_connections_total{cause=\"slow-reader\"}"));
    }
  }

  @Test
  void aPageThatIsNeverReadDoesNotHoldItsSocket() throws Exception {
    try (ServerFixture f = new ServerFixture(); Socket s = new Socket()) {
      s.setReceiveBufferSize(4096);
      s.connect(new InetSocketAddress("127.0.0.1", f.server.httpPort()), 5000);
      s.getOutputStream().write("GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      // the response (the largest file the server has) is written whole into the kernel's buffers
      awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
      awaitMetric(f, "peerphone_connections", n -> n == 0);
      String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(reply.startsWith("HTTP/1.1 200 ") && reply.contains("function"), reply.substring(0, 200));
    }
  }

  @Test
  void aSocketOverTheCapWaitsAtMostTwoSecondsForTheRequestItIsRefused() throws Exception {
    ServerConfig config = ServerConfig.defaults().withMaxConnectionsPerIp(1).withHandshakeTimeout(Duration.ofSeconds(30));
    try (ServerFixture f = new ServerFixture(config)) {
      TestClient alice = f.login("alice");
      long start = System.nanoTime();
      try (Socket refused = new Socket("127.0.0.1", f.server.port())) {
        refused.setSoTimeout(10_000);
        try {
          assertEquals(-1, refused.getInputStream().read(), "closed without an answer");
        } catch (SocketException reset) {
          // closed too
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 1500 && ms < 5000, "closed after about 2 s, not the 30 s deadline: " + ms + " ms");
      }
      assertEquals(1, metric(f, "peerphone_refusals_total{cause=\"handshake-timeout\"}"));
      ErrorsTest.assertStillUsable(alice);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.indexOf("\r\n\r\n") < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
