package dev.peerphone.signaling.server;

import static dev.peerphone.signaling.server.RouletteTest.awaitMatching;
import static dev.peerphone.signaling.server.RouletteTest.pair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The roulette across two nodes on one Redis keeps {@link RouletteTest}'s rules: one global queue,
 * FIFO by arrival, no instant re-match with the partner just left while others wait, and
 * {@code match}/{@code leave} to both sides wherever they are.
 */
class ClusterRouletteTest {
  @RegisterExtension
  final ClusterFixture cluster = ClusterFixture.started();

  @Test
  void twoWaitingUsersOnDifferentNodesArePairedWithExactlyOneInitiator() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "Bob");
    alice.send("{\"type\":\"find\"}");
    awaitMatching(alice);
    awaitQueueLength(1); // alice's node sends the find to Redis asynchronously
    bob.send("{\"type\":\"find\"}");
    JsonObject a = alice.nextSkippingUsers("match");
    JsonObject b = bob.nextSkippingUsers("match");
    assertEquals("Bob", a.get("name").getAsString());
    assertEquals("alice", b.get("name").getAsString());
    assertNotEquals(a.get("initiator").getAsBoolean(), b.get("initiator").getAsBoolean());
    assertEquals(true, a.get("initiator").getAsBoolean(), "the longer-waiting user offers");
    assertEquals("busy", ClassicProtocolTest.statusOf(alice, "alice"));
    assertEquals("busy", ClassicProtocolTest.statusOf(bob, "Bob"));
  }

  @Test
  void theTwoLongestWaitingArePairedFirstWhateverTheirNodes() {
    TestClient a = cluster.login(cluster.a, "a");
    TestClient b = cluster.login(cluster.b, "b");
    TestClient c = cluster.login(cluster.b, "c");
    TestClient d = cluster.login(cluster.a, "d");
    a.send("{\"type\":\"find\"}");
    awaitMatching(a);
    awaitQueueLength(1); // a's node sends the find to Redis asynchronously
    c.send("{\"type\":\"find\"}");
    assertEquals("c", a.nextSkippingUsers("match").get("name").getAsString());
    b.send("{\"type\":\"find\"}");
    awaitMatching(b);
    awaitQueueLength(1); // b's node sends the find to Redis asynchronously
    d.send("{\"type\":\"find\"}");
    assertEquals("d", b.nextSkippingUsers("match").get("name").getAsString());
    assertEquals("b", d.nextSkippingUsers("match").get("name").getAsString());
  }

  @Test
  void nextLeavesThePartnerAcrossNodesAndIsNotRematchedWithItWhileOthersWait() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    TestClient carol = cluster.login(cluster.b, "carol");
    pair(alice, bob);
    carol.send("{\"type\":\"find\"}");
    awaitMatching(carol);
    awaitQueueLength(1); // carol's node sends the find to Redis asynchronously
    alice.send("{\"type\":\"next\"}");
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("carol", alice.nextSkippingUsers("match").get("name").getAsString());
    assertEquals("alice", carol.nextSkippingUsers("match").get("name").getAsString());
    bob.send("{\"type\":\"find\"}");
    bob.expectNothingBut_users(300); // waits for a stranger
  }

  @Test
  void withNobodyElseWaitingTheLastPartnersMayMeetAgain() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    pair(alice, bob);
    alice.send("{\"type\":\"next\"}");
    bob.nextSkippingUsers("leave");
    bob.send("{\"type\":\"find\"}");
    assertEquals("bob", alice.nextSkippingUsers("match").get("name").getAsString());
  }

  @Test
  void aPairThatEndsItsCallByLeaveIsNoPairAnymoreOnEitherNode() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    pair(alice, bob);
    alice.send("{\"type\":\"leave\",\"name\":\"bob\"}");
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(alice, "alice"));
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"));
    bob.send("{\"type\":\"next\"}"); // nobody to leave: no second leave for alice
    RouletteTest.awaitMatching(bob);
    awaitQueueLength(1); // bob's node sends the find to Redis asynchronously
    alice.send("{\"type\":\"find\"}");
    JsonObject match = alice.nextSkippingUsers("match"); // no "just left" bond after a plain leave
    assertEquals("bob", match.get("name").getAsString());
    assertTrue(alice.received.stream().noneMatch(m -> m.get("type").getAsString().equals("leave")));
  }

  @Test
  void stopLeavesTheGlobalQueueAndThePartner() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    TestClient carol = cluster.login(cluster.b, "carol");
    pair(alice, bob);
    bob.send("{\"type\":\"stop\"}");
    assertEquals("bob", alice.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"));
    carol.send("{\"type\":\"find\"}");
    carol.send("{\"type\":\"stop\"}");
    assertEquals("available", ClassicProtocolTest.statusOf(carol, "carol"));
    awaitQueueLength(0); // carol's node sends her stop to Redis asynchronously
    alice.send("{\"type\":\"find\"}");
    alice.expectNothingBut_users(300); // carol is no longer queued: no ghost match
  }

  @Test
  void aDisconnectedUserVanishesFromTheGlobalQueueAndItsPartnerOnAnotherNodeIsTold() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    TestClient ghost = cluster.login(cluster.b, "ghost");
    ghost.send("{\"type\":\"find\"}");
    awaitMatching(ghost);
    awaitQueueLength(1); // ghost's node sends the find to Redis asynchronously
    ghost.close();
    ghost.awaitClose();
    awaitQueueLength(0); // the close reaches ghost's node, then Redis
    alice.send("{\"type\":\"find\"}");
    alice.expectNothingBut_users(300);
    bob.send("{\"type\":\"find\"}");
    assertEquals("bob", alice.nextSkippingUsers("match").get("name").getAsString());
    bob.nextSkippingUsers("match");
    bob.close();
    assertEquals("bob", alice.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(alice, "alice"));
  }

  @Test
  void afterARedisRestartPairsBondsAndQueuePlacesAreAsBefore() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    TestClient carol = cluster.login(cluster.b, "carol");
    pair(alice, bob);
    carol.send("{\"type\":\"find\"}");
    awaitMatching(carol);
    awaitQueueLength(1); // carol's node sends the find to Redis asynchronously
    alice.send("{\"type\":\"next\"}");
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("carol", alice.nextSkippingUsers("match").get("name").getAsString());
    carol.nextSkippingUsers("match");
    bob.send("{\"type\":\"find\"}");
    awaitMatching(bob);
    awaitQueueLength(1);
    String place = cluster.redis.command("ZSCORE", "{pp}:rq", "bob");
    RedisProcess restarted = cluster.redis.restart();
    try {
      awaitRedis("restored queue place", place, "ZSCORE", "{pp}:rq", "bob");
      awaitRedis("restored pair", "carol", "HGET", "{pp}:pair", "alice");
      awaitRedis("restored pair", "alice", "HGET", "{pp}:pair", "carol");
      // alice's side of the bond went when she was matched with carol; bob's stays until he is
      awaitRedis("restored bond", "alice", "HGET", "{pp}:left", "bob");
      carol.send("{\"type\":\"next\"}"); // her partner on the other node is told, as before the restart
      assertEquals("carol", alice.nextSkippingUsers("leave").get("name").getAsString());
      assertEquals("bob", carol.nextSkippingUsers("match").get("name").getAsString());
      assertEquals("carol", bob.nextSkippingUsers("match").get("name").getAsString());
      assertEquals("available", ClassicProtocolTest.statusOf(alice, "alice"));
      assertTrue(bob.received.stream().noneMatch(m -> m.get("type").getAsString().equals("leave")),
          "bob was told leave once, by alice's next before the restart");
    } finally {
      restarted.close();
    }
  }

  /** Waits until {@code command} on Redis answers {@code expected}. */
  private void awaitRedis(String what, String expected, String... command) throws Exception {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    String last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        last = cluster.redis.command(command);
      } catch (java.io.IOException e) {
        last = e.toString(); // Redis is starting again
      }
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(50); // polling Redis: there is no event to wait for
    }
    throw new AssertionError(what + ": " + String.join(" ", command) + " is " + last + ", not " + expected);
  }

  /** Waits until the global queue in Redis holds {@code n} users. */
  private void awaitQueueLength(int n) {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    String length = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        length = cluster.redis.command("ZCARD", "{pp}:rq");
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      if (Integer.toString(n).equals(length)) {
        return;
      }
    }
    throw new AssertionError("the queue holds " + length + ", not " + n);
  }
}
