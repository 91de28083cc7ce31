package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one Redis behave as one server for names and relays (issue 11, first slice):
 * real Redis, real nodes, real WebSocket clients. Node {@code a} and node {@code b} each hold
 * some of the users.
 */
class ClusterTest {
  @RegisterExtension
  final ClusterFixture cluster = ClusterFixture.started();

  @Test
  void namesAreUniqueAcrossNodesIgnoringCase() {
    cluster.login(cluster.a, "alice");
    TestClient other = cluster.connect(cluster.b);
    other.send("{\"type\":\"login\",\"name\":\"ALICE\"}");
    assertLoginFailed(other, "name-taken");
    other.send("{\"type\":\"login\",\"name\":\"Bob\"}");
    assertTrue(other.next("login").get("success").getAsBoolean());
    TestClient third = cluster.connect(cluster.a);
    third.send("{\"type\":\"login\",\"name\":\"bob\"}");
    assertLoginFailed(third, "name-taken");
  }

  @Test
  void fiftyConcurrentLoginsOfOneNameOverBothNodesHaveExactlyOneWinner() {
    String[] spellings = {"zed", "ZED", "Zed", "zEd", "zeD"};
    List<TestClient> contenders = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      contenders.add(cluster.connect(i % 2 == 0 ? cluster.a : cluster.b));
    }
    for (int i = 0; i < contenders.size(); i++) {
      contenders.get(i).send("{\"type\":\"login\",\"name\":\"" + spellings[i % spellings.length] + "\"}");
    }
    TestClient winner = null;
    for (TestClient c : contenders) {
      JsonObject reply = c.next("login");
      if (reply.get("success").getAsBoolean()) {
        assertTrue(winner == null, "a second winner: " + reply);
        winner = c;
      } else {
        assertEquals("name-taken", reply.get("reason").getAsString(), reply.toString());
      }
    }
    assertTrue(winner != null, "nobody won");
    // The name reaches the winner, wherever the sender is.
    for (SignalingServer node : List.of(cluster.a, cluster.b)) {
      TestClient sender = cluster.login(node, "sender" + node.port());
      sender.send("{\"type\":\"chat\",\"name\":\"ZED\",\"text\":\"hi\"}");
      assertEquals("sender" + node.port(), winner.nextSkippingUsers("chat").get("name").getAsString());
    }
    for (TestClient c : contenders) {
      if (c != winner) {
        c.assertNoMore();
      }
    }
  }

  @Test
  void everyRelayedTypeCrossesNodesStampedWithTheSender() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "Bob");
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    assertFrom("alice", bob.nextSkippingUsers("call"));
    bob.send("{\"type\":\"accept\",\"name\":\"alice\"}");
    assertFrom("Bob", alice.nextSkippingUsers("accept"));
    String offer = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}";
    alice.send("{\"type\":\"offer\",\"name\":\"BOB\",\"offer\":" + offer + "}");
    JsonObject gotOffer = bob.nextSkippingUsers("offer");
    assertFrom("alice", gotOffer);
    assertEquals(JsonParser.parseString(offer), gotOffer.get("offer"));
    String answer = "{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}";
    bob.send("{\"type\":\"answer\",\"name\":\"alice\",\"answer\":" + answer + "}");
    JsonObject gotAnswer = alice.nextSkippingUsers("answer");
    assertFrom("Bob", gotAnswer);
    assertEquals(JsonParser.parseString(answer), gotAnswer.get("answer"));
    String candidate = "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\","
        + "\"sdpMLineIndex\":0}";
    alice.send("{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":" + candidate + "}");
    JsonObject gotCandidate = bob.nextSkippingUsers("candidate");
    assertFrom("alice", gotCandidate);
    assertEquals(JsonParser.parseString(candidate), gotCandidate.get("candidate"));
    bob.send("{\"type\":\"candidate\",\"name\":\"alice\",\"candidate\":null}");
    JsonObject endOfCandidates = alice.nextSkippingUsers("candidate");
    assertFrom("Bob", endOfCandidates);
    assertTrue(endOfCandidates.get("candidate").isJsonNull());
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"<b>hi</b> \\u00e9\"}");
    JsonObject chat = bob.nextSkippingUsers("chat");
    assertFrom("alice", chat);
    assertEquals("<b>hi</b> \u00e9", chat.get("text").getAsString());
    bob.send("{\"type\":\"leave\",\"name\":\"alice\"}");
    assertFrom("Bob", alice.nextSkippingUsers("leave"));
    bob.send("{\"type\":\"call\",\"name\":\"alice\"}");
    assertFrom("Bob", alice.nextSkippingUsers("call"));
    alice.send("{\"type\":\"reject\",\"name\":\"bob\",\"reason\":\"busy\"}");
    JsonObject reject = bob.nextSkippingUsers("reject");
    assertFrom("alice", reject);
    assertEquals("busy", reject.get("reason").getAsString());
    alice.assertNoMore();
    bob.assertNoMore();
  }

  @Test
  void namesOnlineNowhereGetUnknownUser() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    alice.send("{\"type\":\"offer\",\"name\":\"Nobody\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    assertEquals("Nobody", alice.nextError("unknown-user").get("name").getAsString());
    long publishes = cluster.redis.calls("publish");
    alice.send("{\"type\":\"chat\",\"name\":\"no spaces allowed\",\"text\":\"x\"}");
    assertEquals("no spaces allowed", alice.nextError("unknown-user").get("name").getAsString());
    assertEquals(publishes, cluster.redis.calls("publish"), "a name nobody can hold is not looked for");
    TestClient bob = cluster.login(cluster.b, "bob");
    bob.close();
    bob.awaitClose();
    // bob's node forgets him as it sees the close; from then on his name is online nowhere. In the
    // moment between its unsubscribing and its releasing the name in Redis, a message finds nobody
    // but the name still held: rate-limited ("try again in a second", docs/CLUSTER.md), as a
    // client then does.
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (true) {
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"still there?\"}");
      JsonObject reply = alice.poll(200);
      while (reply != null && (reply.get("type").getAsString().equals("users")
          || "rate-limited".equals(reply.has("code") ? reply.get("code").getAsString() : null))) {
        reply = alice.poll(200);
      }
      if (reply != null) {
        assertEquals("unknown-user", reply.get("code").getAsString(), reply.toString());
        assertEquals("bob", reply.get("name").getAsString());
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        fail("no unknown-user for bob after he left");
      }
    }
  }

  @Test
  void aDisconnectSendsLeaveToPeersOnOtherNodesOnly() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    TestClient carol = cluster.login(cluster.b, "carol");
    TestClient dave = cluster.login(cluster.b, "dave");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    carol.send("{\"type\":\"call\",\"name\":\"alice\"}");
    alice.nextSkippingUsers("call");
    dave.send("{\"type\":\"chat\",\"name\":\"alice\",\"text\":\"no call\"}");
    alice.nextSkippingUsers("chat");
    alice.close();
    assertFrom("alice", bob.nextSkippingUsers("leave"));
    assertFrom("alice", carol.nextSkippingUsers("leave"));
    dave.expectNothingBut_users(500);
    bob.assertNoMore();
    carol.assertNoMore();
  }

  @Test
  void aRelayBetweenUsersOfOneNodeDoesNotUseRedis() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.a, "bob");
    TestClient carol = cluster.login(cluster.b, "carol");
    long before = cluster.redis.calls("publish");
    for (int i = 0; i < 20; i++) {
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"" + i + "\"}");
      assertEquals(Integer.toString(i), bob.nextSkippingUsers("chat").get("text").getAsString());
    }
    assertEquals(before, cluster.redis.calls("publish"), "PUBLISH calls for relays within one node");
    alice.send("{\"type\":\"chat\",\"name\":\"carol\",\"text\":\"across\"}");
    assertEquals("across", carol.nextSkippingUsers("chat").get("text").getAsString());
    assertEquals(before + 1, cluster.redis.calls("publish"), "one PUBLISH for a relay across nodes");
  }

  @Test
  void aCallToAClassicPageOnAnotherNodeIsAnsweredForIt() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient page = cluster.loginClassic(cluster.b, "page");
    alice.send("{\"type\":\"call\",\"name\":\"page\"}");
    JsonObject accept = alice.nextSkippingUsers("accept");
    assertFrom("page", accept);
    assertTrue(accept.get("auto").getAsBoolean());
    TestClient bob = cluster.login(cluster.a, "bob");
    bob.send("{\"type\":\"offer\",\"name\":\"page\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    page.nextSkippingUsers("offer");
    page.send("{\"type\":\"answer\",\"name\":\"bob\",\"answer\":{\"type\":\"answer\",\"sdp\":\"y\"}}");
    bob.nextSkippingUsers("answer");
    alice.send("{\"type\":\"call\",\"name\":\"page\"}");
    JsonObject busy = alice.nextSkippingUsers("reject");
    assertFrom("page", busy);
    assertEquals("busy", busy.get("reason").getAsString());
    page.assertNoMore();
  }

  @Test
  void messagesSentRightAfterTheLoginAreHandledAfterIt() {
    TestClient bob = cluster.login(cluster.b, "bob");
    TestClient alice = cluster.connect(cluster.a);
    alice.send("{\"type\":\"login\",\"name\":\"alice\",\"features\":[\"ring\"]}");
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"first\"}");
    alice.send("{\"type\":\"ping\"}");
    assertTrue(alice.next("login").get("success").getAsBoolean());
    alice.nextSkippingUsers("pong");
    assertEquals("first", bob.nextSkippingUsers("chat").get("text").getAsString());
  }

  @Test
  void aNodeThatStopsFreesItsNamesAtOnce() {
    cluster.login(cluster.a, "alice");
    cluster.a.close();
    cluster.login(cluster.b, "alice");
  }

  @Test
  void withRedisDownLoginsAndCrossNodeRelaysGetATypedErrorAndOneNodeStillRelays() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.a, "bob");
    cluster.login(cluster.b, "carol");
    cluster.redis.close();
    TestClient late = cluster.connect(cluster.a);
    late.send("{\"type\":\"login\",\"name\":\"dave\"}");
    assertTrue(late.nextError("rate-limited").get("message").getAsString().contains("cluster"));
    alice.send("{\"type\":\"chat\",\"name\":\"carol\",\"text\":\"across\"}");
    assertTrue(alice.nextError("rate-limited").get("message").getAsString().contains("cluster"));
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"here\"}");
    assertEquals("here", bob.nextSkippingUsers("chat").get("text").getAsString());
  }

  @Test
  void whileRedisIsFrozenLoginsAreRefusedWithinSecondsAndWorkAgainOnceItRuns() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.a, "bob");
    TestClient dave = cluster.connect(cluster.b);
    cluster.redis.freeze();
    try {
      long start = System.nanoTime();
      dave.send("{\"type\":\"login\",\"name\":\"dave\"}");
      dave.nextError("rate-limited");
      long refusedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(refusedMs < 5_000, "refused after " + refusedMs + " ms");
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"same node\"}");
      assertEquals("same node", bob.nextSkippingUsers("chat").get("text").getAsString());
    } finally {
      cluster.redis.thaw();
    }
    // The claim that timed out may run late in Redis; its compare-and-delete undo runs after it.
    dave.send("{\"type\":\"login\",\"name\":\"dave\"}");
    assertTrue(dave.nextSkippingUsers("login").get("success").getAsBoolean());
    dave.send("{\"type\":\"chat\",\"name\":\"alice\",\"text\":\"back\"}");
    assertEquals("back", alice.nextSkippingUsers("chat").get("text").getAsString());
  }

  @Test
  void aCallAcrossNodesMakesBothBusyAndAResumedLoginKeepsIt() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    assertEquals("busy", statusOf(alice, "alice"));
    assertEquals("busy", statusOf(bob, "bob"));
    // alice resumes on her node: the call with bob is hers still, and nobody is told.
    TestClient resumed = cluster.connect(cluster.a);
    resumed.send("{\"type\":\"login\",\"name\":\"alice\",\"features\":[\"ring\"],\"token\":\"" + alice.token + "\"}");
    assertTrue(resumed.nextSkippingUsers("login").get("success").getAsBoolean());
    assertEquals(4001, alice.awaitClose());
    assertEquals("busy", statusOf(resumed, "alice"));
    bob.expectNothingBut_users(300);
    resumed.close();
    assertFrom("alice", bob.nextSkippingUsers("leave"));
    assertEquals("available", statusOf(bob, "bob"));
  }

  @Test
  void aResumeOnAnotherLiveNodeSupersedesTheOldConnectionAndKeepsEveryCall() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient carol = cluster.login(cluster.a, "carol");
    TestClient bob = cluster.login(cluster.b, "bob");
    alice.send("{\"type\":\"offer\",\"name\":\"carol\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    carol.nextSkippingUsers("offer");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    TestClient resumed = cluster.connect(cluster.b);
    resumed.send("{\"type\":\"login\",\"name\":\"alice\",\"features\":[\"ring\"],\"token\":\"" + alice.token + "\"}");
    assertTrue(resumed.nextSkippingUsers("login").get("success").getAsBoolean());
    assertEquals(4001, alice.awaitClose());
    resumed.send("{\"type\":\"chat\",\"name\":\"carol\",\"text\":\"moved\"}");
    assertFrom("alice", carol.nextSkippingUsers("chat"));
    carol.send("{\"type\":\"chat\",\"name\":\"alice\",\"text\":\"seen\"}");
    assertEquals("seen", resumed.nextSkippingUsers("chat").get("text").getAsString());
    assertEquals("busy", statusOf(resumed, "alice"));
    bob.expectNothingBut_users(300);
    resumed.close();
    assertFrom("alice", bob.nextSkippingUsers("leave"));
    assertFrom("alice", carol.nextSkippingUsers("leave"));
    carol.assertNoMore();
  }

  @Test
  void presenceListsShowEveryoneOfTheClusterInLoginOrderWithStatus() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "Bob");
    TestClient carol = cluster.login(cluster.a, "carol");
    String all = "[{\"name\":\"alice\",\"status\":\"available\"},{\"name\":\"Bob\",\"status\":\"available\"},"
        + "{\"name\":\"carol\",\"status\":\"available\"}]";
    for (TestClient c : List.of(alice, bob, carol)) {
      awaitList(c, all);
    }
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    String busy = all.replace("available\"},{\"name\":\"Bob\",\"status\":\"available", "busy\"},{\"name\":\"Bob\",\"status\":\"busy");
    awaitList(carol, busy);
    awaitList(bob, busy);
    bob.close();
    String left = "[{\"name\":\"alice\",\"status\":\"available\"},{\"name\":\"carol\",\"status\":\"available\"}]";
    awaitList(carol, left);
    TestClient dave = cluster.login(cluster.b, "dave");
    awaitList(dave, left.replace("]", ",{\"name\":\"dave\",\"status\":\"available\"}]"));
    awaitList(alice, left.replace("]", ",{\"name\":\"dave\",\"status\":\"available\"}]"));
  }

  @Test
  void afterARedisRestartTheNodesClaimTheirNamesAgainAndServeAsBefore() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    cluster.login(cluster.a, "dave"); // logins alternate between the nodes: no node's re-registration alone keeps the order
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    RedisProcess restarted = cluster.redis.restart();
    try {
      long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
      while (true) { // refused with rate-limited until the node reconnects and claims its names again
        alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"back?\"}");
        JsonObject m = bob.poll(300);
        while (m != null && !m.get("type").getAsString().equals("chat")) {
          m = bob.poll(300);
        }
        if (m != null) {
          assertFrom("alice", m);
          break;
        }
        assertTrue(System.currentTimeMillis() < deadline, "no relay after the restart");
      }
      awaitNameTaken(cluster.connect(cluster.b), "Alice");
      awaitNameTaken(cluster.connect(cluster.a), "Bob");
      // A new name waits until every node had a lease length to claim its names again.
      TestClient carol = cluster.connect(cluster.b);
      awaitLogin(carol, "carol");
      // Everyone is listed with their status again, in login order: each node writes back the
      // login numbers its names had, whichever node notices the restart first.
      awaitList(carol, "[{\"name\":\"alice\",\"status\":\"busy\"},{\"name\":\"bob\",\"status\":\"busy\"},"
          + "{\"name\":\"dave\",\"status\":\"available\"},{\"name\":\"carol\",\"status\":\"available\"}]");
      assertTrue(bob.received.stream().noneMatch(m -> m.get("type").getAsString().equals("leave")),
          "nobody is told leave for a Redis restart");
    } finally {
      restarted.close();
    }
  }

  @Test
  void aRelayThatWaitedInAFrozenRedisIsDroppedNotDeliveredLate() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    cluster.redis.freeze();
    long frozen = System.nanoTime();
    try {
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"stale\"}");
      alice.nextError("rate-limited"); // the publish timed out; Redis will run it once thawed
      long waitMs = CrossNode.MAX_AGE_MS + 500 - (System.nanoTime() - frozen) / 1_000_000;
      alice.expectNothingBut_users(Math.max(0, waitMs));
    } finally {
      cluster.redis.thaw();
    }
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (true) { // the connections may need a moment after the freeze
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"fresh\"}");
      JsonObject m = bob.poll(500);
      while (m != null && m.get("type").getAsString().equals("users")) {
        m = bob.poll(500);
      }
      if (m != null) {
        assertEquals("fresh", m.get("text").getAsString(), "the stale chat was delivered late: " + m);
        return;
      }
      assertTrue(System.currentTimeMillis() < deadline, "no relay after the thaw");
    }
  }

  @Test
  void healthzIsReadyOnlyWhileRedisAnswersAndTheLeaseIsHeld() throws Exception {
    SignalingServer node = SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, 0)
        .withAddressPolicy(0, 0).withRedis(cluster.redis.uri()));
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health = HttpRequest.newBuilder(node.httpUri().resolve("/healthz")).build();
      assertEquals(200, http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
      cluster.redis.freeze();
      try {
        awaitStatus(http, health, 503);
      } finally {
        cluster.redis.thaw();
      }
      awaitStatus(http, health, 200);
    } finally {
      node.close();
    }
  }

  private static void awaitStatus(HttpClient http, HttpRequest request, int status) throws Exception {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    int last = -1;
    while (System.currentTimeMillis() < deadline) {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      last = response.statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(100); // polling a status: there is no event to wait for
    }
    fail("/healthz answered " + last + ", not " + status);
  }

  /** Retries logging in as {@code name} while refused (rate-limited) until it succeeds. */
  private static void awaitLogin(TestClient c, String name) {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (true) {
      c.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
      JsonObject reply = c.nextAny();
      if (reply.get("type").getAsString().equals("login")) {
        assertTrue(reply.get("success").getAsBoolean(), reply.toString());
        return;
      }
      assertEquals("rate-limited", reply.get("code").getAsString(), reply.toString());
      assertTrue(System.currentTimeMillis() < deadline, "no login after the restart: " + reply);
      c.poll(300); // retry at a pace below the connection's message limit
    }
  }

  /** Retries logging in as {@code name} while refused (rate-limited) until it gets name-taken. */
  private static void awaitNameTaken(TestClient impostor, String name) {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (true) {
      impostor.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
      JsonObject reply = impostor.nextAny();
      if (reply.get("type").getAsString().equals("login")) {
        assertLoginFailed(reply, "name-taken");
        return;
      }
      assertEquals("rate-limited", reply.get("code").getAsString(), reply.toString());
      assertTrue(System.currentTimeMillis() < deadline, "names not claimed again: " + reply);
      impostor.poll(300); // retry at a pace below the connection's message limit
    }
  }

  /** Waits for {@code c} to be pushed (or sent on request) exactly the list {@code expected}. */
  private static void awaitList(TestClient c, String expected) {
    JsonElement want = JsonParser.parseString(expected);
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    JsonElement last = null;
    while (System.currentTimeMillis() < deadline) {
      JsonObject m = c.poll(200);
      if (m == null) {
        c.send("{\"type\":\"users\"}");
        continue;
      }
      if (m.get("type").getAsString().equals("users")) {
        last = m.get("users");
        if (last.equals(want)) {
          return;
        }
      }
    }
    fail("expected " + expected + ", last list " + last);
  }

  /**
   * The status of {@code name} in the list {@code c} gets when it asks: the last list before the
   * pong that follows the request (a push after the reply is only newer).
   */
  private static String statusOf(TestClient c, String name) {
    c.send("{\"type\":\"users\"}");
    c.send("{\"type\":\"ping\"}");
    JsonObject list = null;
    for (JsonObject m = c.nextAny(); !m.get("type").getAsString().equals("pong"); m = c.nextAny()) {
      assertEquals("users", m.get("type").getAsString(), m.toString());
      list = m;
    }
    assertTrue(list != null, "no users reply");
    for (var user : list.getAsJsonArray("users")) {
      JsonObject u = user.getAsJsonObject();
      if (u.get("name").getAsString().equals(name)) {
        return u.get("status").getAsString();
      }
    }
    throw new AssertionError(name + " is not listed");
  }

  private static void assertFrom(String sender, JsonObject message) {
    assertEquals(sender, message.get("name").getAsString(), "stamped sender of " + message);
  }

  private static void assertLoginFailed(TestClient c, String reason) {
    assertLoginFailed(c.nextSkippingUsers("login"), reason);
  }

  private static void assertLoginFailed(JsonObject reply, String reason) {
    assertFalse(reply.get("success").getAsBoolean(), reply.toString());
    assertEquals(reason, reply.get("reason").getAsString());
  }
}
