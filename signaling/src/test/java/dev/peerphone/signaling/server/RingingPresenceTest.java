package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ringing (call/accept/reject), presence pushes and cleanup when someone disconnects. */
class RingingPresenceTest {
  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  @Test
  void callAcceptThenOfferMakesBothBusy() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    assertEquals("alice", bob.nextSkippingUsers("call").get("name").getAsString());
    bob.send("{\"type\":\"accept\",\"name\":\"alice\"}");
    assertEquals("bob", alice.nextSkippingUsers("accept").get("name").getAsString());
    assertEquals("busy", ClassicProtocolTest.statusOf(alice, "alice"));
    assertEquals("busy", ClassicProtocolTest.statusOf(alice, "bob"));
  }

  @Test
  void aCallToAClassicPageIsAcceptedByTheServerSoTheCallerOffersAtOnce() {
    TestClient alice = fixture.login("alice");
    TestClient page = fixture.loginClassic("page");
    alice.send("{\"type\":\"call\",\"name\":\"page\"}");
    JsonObject accept = alice.nextSkippingUsers("accept");
    assertEquals("page", accept.get("name").getAsString());
    assertTrue(accept.get("auto").getAsBoolean(), accept.toString());
    page.expectNothingBut_users(300); // a classic page never sees call
    alice.send("{\"type\":\"offer\",\"name\":\"page\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    assertEquals("alice", page.nextSkippingUsers("offer").get("name").getAsString());
  }

  @Test
  void aCallToAClassicPageAlreadyInACallIsRejectedAsBusy() {
    TestClient alice = fixture.login("alice");
    TestClient carol = fixture.loginClassic("carol");
    TestClient page = fixture.loginClassic("page");
    carol.send("{\"type\":\"offer\",\"name\":\"page\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    page.nextSkippingUsers("offer");
    alice.send("{\"type\":\"call\",\"name\":\"page\"}");
    JsonObject reject = alice.nextSkippingUsers("reject");
    assertEquals("page", reject.get("name").getAsString());
    assertEquals("busy", reject.get("reason").getAsString());
  }

  @Test
  void featuresThatAreMissingMalformedOrEscapedAreReadAsTheProtocolSays() {
    TestClient weird = TestClient.connect(fixture.uri());
    fixture.track(weird);
    weird.send("{\"type\":\"login\",\"name\":\"weird\",\"features\":\"ring\"}"); // not an array: none
    assertTrue(weird.next("login").get("success").getAsBoolean());
    TestClient escaped = TestClient.connect(fixture.uri());
    fixture.track(escaped);
    escaped.send("{\"type\":\"login\",\"name\":\"esc\",\"features\":[1,{\"x\":[]},\"\\u0072ing\"]}");
    assertTrue(escaped.next("login").get("success").getAsBoolean());
    TestClient alice = fixture.login("alice");
    alice.send("{\"type\":\"call\",\"name\":\"weird\"}");
    assertTrue(alice.nextSkippingUsers("accept").get("auto").getAsBoolean());
    alice.send("{\"type\":\"call\",\"name\":\"esc\"}");
    assertEquals("alice", escaped.nextSkippingUsers("call").get("name").getAsString());
  }

  @Test
  void rejectCarriesTheReasonAndDefaultsToDeclined() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    bob.nextSkippingUsers("call");
    bob.send("{\"type\":\"reject\",\"name\":\"alice\",\"reason\":\"busy\"}");
    JsonObject reject = alice.nextSkippingUsers("reject");
    assertEquals("bob", reject.get("name").getAsString());
    assertEquals("busy", reject.get("reason").getAsString());
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    bob.nextSkippingUsers("call");
    bob.send("{\"type\":\"reject\",\"name\":\"alice\"}");
    assertEquals("declined", alice.nextSkippingUsers("reject").get("reason").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(alice, "alice"));
  }

  @Test
  void presenceIsPushedToEveryoneOnChange() {
    TestClient alice = fixture.login("alice");
    JsonObject first = alice.next("users"); // her own login is a change too
    assertEquals(1, first.getAsJsonArray("users").size());
    fixture.login("bob");
    Map<String, String> seen = statuses(alice.next("users"));
    assertEquals(Map.of("alice", "available", "bob", "available"), seen);
  }

  @Test
  void presencePushesAreCoalesced() throws Exception {
    ServerConfig slow = ServerConfig.defaults()
        .withTimers(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(600));
    try (ServerFixture f = new ServerFixture(slow)) {
      TestClient watcher = f.login("watcher");
      watcher.next("users");
      for (int i = 0; i < 5; i++) {
        f.login("user" + i); // five changes in quick succession
      }
      JsonObject push = watcher.next("users");
      if (push.getAsJsonArray("users").size() < 6) {
        push = watcher.next("users"); // the changes straddled one interval
      }
      assertEquals(6, push.getAsJsonArray("users").size());
      watcher.expectNothingBut_users(0);
      assertEquals(null, watcher.poll(700), "no further push without a change");
    }
  }

  @Test
  void statusesAreAvailableBusyAndMatching() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient carol = fixture.login("carol");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    carol.send("{\"type\":\"find\"}");
    Map<String, String> expected = Map.of("alice", "busy", "bob", "busy", "carol", "matching");
    assertEquals(expected, awaitStatuses(alice, expected));
  }

  @Test
  void disconnectTellsCallPartnersAndRingingPeersAndFreesTheName() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient carol = fixture.login("carol");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    alice.send("{\"type\":\"call\",\"name\":\"carol\"}");
    carol.nextSkippingUsers("call");
    alice.close();
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("alice", carol.nextSkippingUsers("leave").get("name").getAsString());
    TestClient again = fixture.login("ALICE"); // the name is free again at once
    assertTrue(again.isOpen());
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"));
  }

  @Test
  void stoppingTheServerEndsNoCalls() throws Exception {
    try (ServerFixture f = new ServerFixture()) {
      TestClient alice = f.login("alice");
      TestClient bob = f.login("bob");
      alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
      bob.nextSkippingUsers("offer");
      f.server.close();
      assertEquals(1001, bob.awaitClose());
      alice.awaitClose();
      assertTrue(bob.received.stream().noneMatch(m -> m.get("type").getAsString().equals("leave")),
          "media goes on peer to peer: no leave " + bob.received);
    }
  }

  @Test
  void oneUserCanBeInSeveralCalls() {
    TestClient host = fixture.login("host");
    TestClient a = fixture.login("a");
    TestClient b = fixture.login("b");
    host.send("{\"type\":\"offer\",\"name\":\"a\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    host.send("{\"type\":\"offer\",\"name\":\"b\",\"offer\":{\"type\":\"offer\",\"sdp\":\"y\"}}");
    a.nextSkippingUsers("offer");
    b.nextSkippingUsers("offer");
    host.send("{\"type\":\"leave\",\"name\":\"a\"}");
    a.nextSkippingUsers("leave");
    assertEquals("busy", ClassicProtocolTest.statusOf(host, "host"), "still in the call with b");
    host.close();
    b.nextSkippingUsers("leave");
    a.expectNothingBut_users(200); // a already left: not told twice
  }

  static Map<String, String> statuses(JsonObject users) {
    Map<String, String> result = new HashMap<>();
    JsonArray list = users.getAsJsonArray("users");
    list.forEach(u -> result.put(u.getAsJsonObject().get("name").getAsString(),
        u.getAsJsonObject().get("status").getAsString()));
    return result;
  }

  /** Reads presence pushes until one shows {@code expected} (or times out with the last seen). */
  static Map<String, String> awaitStatuses(TestClient client, Map<String, String> expected) {
    Map<String, String> last = Map.of();
    long end = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (System.currentTimeMillis() < end && !last.equals(expected)) {
      JsonObject m = client.poll(end - System.currentTimeMillis());
      if (m != null && m.get("type").getAsString().equals("users")) {
        last = statuses(m);
      }
    }
    return last;
  }
}
