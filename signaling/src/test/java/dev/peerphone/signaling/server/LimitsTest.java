package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Rate limit, login timeout, per-IP cap and ping/pong liveness. */
class LimitsTest {
  private static final String CANDIDATE = "{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":"
      + "{\"candidate\":\"candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr "
      + "10.0.0.2 rport 46154 generation 0 ufrag sI5b network-cost 999\",\"sdpMid\":\"0\","
      + "\"sdpMLineIndex\":0,\"usernameFragment\":\"sI5b\"}}";

  @Test
  void aBrowsersBurstOfFiftyCandidatesIn100MsAllGetThrough() throws Exception {
    try (ServerFixture f = new ServerFixture()) {
      TestClient alice = f.login("alice");
      TestClient bob = f.login("bob");
      for (int i = 0; i < 50; i++) { // back to back, as fast as the client can
        alice.send(CANDIDATE);
      }
      for (int i = 0; i < 50; i++) {
        bob.nextSkippingUsers("candidate");
      }
      alice.expectNothingBut_users(200);
    }
  }

  @Test
  void aFloodIsRateLimitedThenClosedWith1008() throws Exception {
    // The default bucket (200, then 100/s) in slow motion (200, then 10/s), so that the test
    // does not depend on how fast a loaded machine lets the client send. TokenBucketTest pins
    // the default numbers with a fake clock.
    ServerConfig slowRefill = ServerConfig.defaults()
        .withRateLimit(new ServerConfig.RateLimit(200, 10, 20, Duration.ofSeconds(10)));
    try (ServerFixture f = new ServerFixture(slowRefill)) {
      TestClient alice = f.login("alice");
      TestClient bob = f.login("bob");
      // 300 messages back to back: the bucket holds 200, the rest (minus the trickle refilled
      // meanwhile) are refused, and more than 20 refusals close the connection
      // (GracefulCloseTest floods with thousands and still reads every reply and the close).
      for (int i = 0; i < 300; i++) {
        alice.send(CANDIDATE);
      }
      JsonObject error = alice.nextError("rate-limited");
      assertTrue(error.get("message").getAsString().contains("rate limit"));
      assertEquals(1008, alice.awaitClose());
      int relayed = 0;
      for (JsonObject m; (m = bob.poll(300)) != null; ) {
        if (m.get("type").getAsString().equals("candidate")) {
          relayed++;
        }
      }
      assertTrue(relayed >= 190 && relayed < 270, "the bucket (less the login) let the burst through, not the flood: " + relayed);
    }
  }

  @Test
  void unauthenticatedSocketsAreClosedAfterTheLoginTimeout() throws Exception {
    ServerConfig config = ServerConfig.defaults()
        .withTimers(Duration.ofMillis(400), Duration.ofSeconds(20), Duration.ofMillis(250));
    try (ServerFixture f = new ServerFixture(config)) {
      TestClient idle = f.connect();
      TestClient loggedIn = f.login("alice");
      assertEquals(1008, idle.awaitClose());
      ErrorsTest.assertStillUsable(loggedIn);
    }
  }

  @Test
  void connectionsPerAddressAreCapped() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withMaxConnectionsPerIp(3))) {
      TestClient a = f.connect();
      f.connect();
      f.connect();
      TestClient fourth = f.track(TestClient.attempt(f.uri())); // its upgrade is refused: 503
      assertEquals(false, fourth.isOpen());
      String refused = SameOriginTest.raw(f.server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n", null);
      assertTrue(refused.startsWith("HTTP/1.1 503 ") && refused.contains("\r\nRetry-After: "), refused);
      a.close();
      a.awaitClose();
      ConnectionLimitsTest.awaitMetric(f, "peerphone_connections_by_state{state=\"handshaking\"}", n -> n == 0);
      // a slot is free again
      TestClient again = f.connect();
      ErrorsTest.assertStillUsable(again);
    }
  }

  @Test
  void aPeerThatStopsAnsweringPingsIsDroppedAndItsPartnerTold() throws Exception {
    ServerConfig config = ServerConfig.defaults()
        .withTimers(Duration.ofSeconds(30), Duration.ofMillis(150), Duration.ofMillis(250));
    try (ServerFixture f = new ServerFixture(config)) {
      TestClient alice = f.login("alice");
      TestClient bob = f.login("bob");
      alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
      bob.nextSkippingUsers("call");
      bob.answerPings = false;
      assertEquals("bob", alice.nextSkippingUsers("leave").get("name").getAsString());
      ErrorsTest.assertStillUsable(alice); // alice answers pings: she stays
    }
  }
}
