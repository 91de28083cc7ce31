package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** PROTOCOL v1.1, ICE: the {@code ice} request and the operator's {@code iceTransportPolicy}. */
class IceRequestTest {
  private static final ServerConfig TURN = ServerConfig.defaults().withIceServers(
      List.of("stun:stun.example.org:3478"), List.of("turn:turn.example.org:3478"), "s3cret",
      Duration.ofSeconds(60));

  @Test
  void loginReplySaysAllWhenTheOperatorDoesNotForceTheRelay() throws Exception {
    try (ServerFixture f = new ServerFixture(TURN)) {
      TestClient c = f.connect();
      c.send("{\"type\":\"login\",\"name\":\"alice\"}");
      assertEquals("all", c.next("login").get("iceTransportPolicy").getAsString());
    }
  }

  @Test
  void relayOnlyServerSaysRelayInLoginAndIceReplies() throws Exception {
    try (ServerFixture f = new ServerFixture(TURN.withRelayOnly(true))) {
      TestClient c = f.connect();
      c.send("{\"type\":\"login\",\"name\":\"alice\"}");
      assertEquals("relay", c.next("login").get("iceTransportPolicy").getAsString());
      c.send("{\"type\":\"ice\"}");
      JsonObject ice = c.nextSkippingUsers("ice");
      assertEquals("relay", ice.get("iceTransportPolicy").getAsString());
      assertEquals(2, ice.getAsJsonArray("iceServers").size());
    }
  }

  @Test
  void iceRequestIssuesFreshValidCredentialsForTheSender() throws Exception {
    try (ServerFixture f = new ServerFixture(TURN)) {
      TestClient c = f.connect();
      c.send("{\"type\":\"login\",\"name\":\"alice\"}");
      long loginExpiry = expiry(turnOf(c.next("login").getAsJsonArray("iceServers")));
      // Expiries are whole seconds: let the clock pass the second the login credentials were issued in.
      long issuedSecond = loginExpiry - 60;
      Thread.sleep(Math.max(0, (issuedSecond + 1) * 1000 - System.currentTimeMillis() + 20));
      long before = Instant.now().getEpochSecond();
      c.send("{\"type\":\"ice\",\"name\":\"mallory\"}"); // a name field is ignored
      JsonObject reply = c.nextSkippingUsers("ice");
      assertEquals("all", reply.get("iceTransportPolicy").getAsString());
      JsonArray servers = reply.getAsJsonArray("iceServers");
      assertEquals("stun:stun.example.org:3478", servers.get(0).getAsJsonObject()
          .getAsJsonArray("urls").get(0).getAsString());
      JsonObject turn = turnOf(servers);
      assertTrue(expiry(turn) >= before + 60, "expires a full lifetime after the request: " + turn);
      assertTrue(turn.get("username").getAsString().endsWith(":alice"), "issued to the sender: " + turn);
      assertValid(turn);
      assertTrue(expiry(turn) > loginExpiry, "fresh credentials, not the login's: " + turn);
    }
  }

  @Test
  void iceWithoutTurnListsOnlyStunAndWithNothingConfiguredAnEmptyList() throws Exception {
    ServerConfig stunOnly = ServerConfig.defaults()
        .withIceServers(List.of("stun:s.example.org"), List.of(), null, Duration.ofHours(1));
    try (ServerFixture f = new ServerFixture(stunOnly)) {
      TestClient c = f.login("alice");
      c.send("{\"type\":\"ice\"}");
      JsonArray servers = c.nextSkippingUsers("ice").getAsJsonArray("iceServers");
      assertEquals(1, servers.size());
      assertTrue(!servers.get(0).getAsJsonObject().has("username"));
    }
    try (ServerFixture f = new ServerFixture()) {
      TestClient c = f.login("alice");
      c.send("{\"type\":\"ice\"}");
      assertEquals(0, c.nextSkippingUsers("ice").getAsJsonArray("iceServers").size());
    }
  }

  @Test
  void iceBeforeLoginIsRefusedAndTheConnectionStays() throws Exception {
    try (ServerFixture f = new ServerFixture(TURN)) {
      TestClient c = f.connect();
      c.send("{\"type\":\"ice\"}");
      c.nextError("not-logged-in");
      c.send("{\"type\":\"login\",\"name\":\"alice\"}");
      c.next("login");
    }
  }

  @Test
  void metricsCountIceRequests() throws Exception {
    try (ServerFixture f = new ServerFixture(TURN)) {
      TestClient c = f.login("alice");
      c.send("{\"type\":\"ice\"}");
      c.nextSkippingUsers("ice");
      c.send("{\"type\":\"ice\"}");
      c.nextSkippingUsers("ice");
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + f.server.httpPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("peerphone_ice_requests_total 2"), metrics);
    }
  }

  private static JsonObject turnOf(JsonArray servers) {
    for (int i = 0; i < servers.size(); i++) {
      JsonObject s = servers.get(i).getAsJsonObject();
      if (s.has("username")) {
        return s;
      }
    }
    throw new AssertionError("no TURN entry in " + servers);
  }

  private static long expiry(JsonObject turn) {
    return Long.parseLong(turn.get("username").getAsString().split(":")[0]);
  }

  private static void assertValid(JsonObject turn) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    byte[] expected = mac.doFinal(turn.get("username").getAsString().getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(expected, Base64.getDecoder().decode(turn.get("credential").getAsString()));
  }
}
