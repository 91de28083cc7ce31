package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Roulette matching and its fairness rules. */
class RouletteTest {
  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  @Test
  void twoWaitingUsersArePairedWithExactlyOneInitiator() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"find\"}");
    awaitMatching(alice);
    bob.send("{\"type\":\"find\"}");
    JsonObject a = alice.nextSkippingUsers("match");
    JsonObject b = bob.nextSkippingUsers("match");
    assertEquals("bob", a.get("name").getAsString());
    assertEquals("alice", b.get("name").getAsString());
    assertNotEquals(a.get("initiator").getAsBoolean(), b.get("initiator").getAsBoolean());
    assertEquals(true, a.get("initiator").getAsBoolean(), "the longer-waiting user offers");
  }

  @Test
  void aLoneUserWaitsAndFindWhileQueuedIsANoOp() {
    TestClient alice = fixture.login("alice");
    alice.send("{\"type\":\"find\"}");
    alice.send("{\"type\":\"find\"}");
    alice.expectNothingBut_users(300);
    TestClient bob = fixture.login("bob");
    bob.send("{\"type\":\"find\"}");
    assertEquals("bob", alice.nextSkippingUsers("match").get("name").getAsString());
    alice.expectNothingBut_users(200); // matched once, not twice
  }

  @Test
  void theTwoLongestWaitingArePairedFirst() {
    TestClient a = fixture.login("a");
    TestClient b = fixture.login("b");
    TestClient c = fixture.login("c");
    TestClient d = fixture.login("d");
    a.send("{\"type\":\"find\"}");
    awaitMatching(a);
    c.send("{\"type\":\"find\"}");
    assertEquals("c", a.nextSkippingUsers("match").get("name").getAsString());
    b.send("{\"type\":\"find\"}");
    awaitMatching(b);
    d.send("{\"type\":\"find\"}");
    assertEquals("d", b.nextSkippingUsers("match").get("name").getAsString());
  }

  @Test
  void nextLeavesThePartnerAndIsNotRematchedWithItWhileOthersWait() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient carol = fixture.login("carol");
    pair(alice, bob);
    carol.send("{\"type\":\"find\"}");
    awaitMatching(carol);
    alice.send("{\"type\":\"next\"}");
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("carol", alice.nextSkippingUsers("match").get("name").getAsString());
    assertEquals("alice", carol.nextSkippingUsers("match").get("name").getAsString());
    bob.send("{\"type\":\"find\"}");
    bob.expectNothingBut_users(200); // waits for a stranger
  }

  @Test
  void theLeftPartnerIsNotRematchedWhileSomeoneElseWaits() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient carol = fixture.login("carol");
    pair(alice, bob);
    bob.send("{\"type\":\"next\"}"); // bob waits alone; alice was left
    alice.nextSkippingUsers("leave");
    awaitMatching(bob);
    carol.send("{\"type\":\"find\"}");
    assertEquals("carol", bob.nextSkippingUsers("match").get("name").getAsString());
    alice.expectNothingBut_users(100);
  }

  @Test
  void withNobodyElseWaitingTheLastPartnersMayMeetAgain() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"find\"}");
    bob.send("{\"type\":\"find\"}");
    alice.nextSkippingUsers("match");
    bob.nextSkippingUsers("match");
    alice.send("{\"type\":\"next\"}");
    bob.nextSkippingUsers("leave");
    bob.send("{\"type\":\"find\"}");
    assertEquals("bob", alice.nextSkippingUsers("match").get("name").getAsString());
  }

  @Test
  void findWhileMatchedActsAsNext() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    alice.send("{\"type\":\"find\"}");
    bob.send("{\"type\":\"find\"}");
    alice.nextSkippingUsers("match");
    bob.nextSkippingUsers("match");
    alice.send("{\"type\":\"find\"}");
    bob.nextSkippingUsers("leave");
    assertEquals("matching", ClassicProtocolTest.statusOf(bob, "alice"));
  }

  @Test
  void stopLeavesQueueAndPartner() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient carol = fixture.login("carol");
    alice.send("{\"type\":\"find\"}");
    bob.send("{\"type\":\"find\"}");
    alice.nextSkippingUsers("match");
    bob.nextSkippingUsers("match");
    bob.send("{\"type\":\"stop\"}");
    assertEquals("bob", alice.nextSkippingUsers("leave").get("name").getAsString());
    assertEquals("available", ClassicProtocolTest.statusOf(bob, "bob"));
    carol.send("{\"type\":\"find\"}");
    carol.send("{\"type\":\"stop\"}");
    assertEquals("available", ClassicProtocolTest.statusOf(carol, "carol"));
    alice.send("{\"type\":\"find\"}");
    alice.expectNothingBut_users(300); // carol is no longer queued: no ghost match
  }

  @Test
  void aDisconnectedUserVanishesFromTheQueueAndItsPartnerIsTold() {
    TestClient alice = fixture.login("alice");
    TestClient bob = fixture.login("bob");
    TestClient ghost = fixture.login("ghost");
    ghost.send("{\"type\":\"find\"}");
    ClassicProtocolTest.statusOf(ghost, "ghost"); // the find has been handled
    ghost.close();
    ghost.awaitClose();
    // The client sees its close before the server's core has handled it: wait until the server
    // has (ghost offline), else alice could still be matched with the ghost.
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (!ClassicProtocolTest.statusOf(alice, "ghost").equals("offline")) {
      assertTrue(System.currentTimeMillis() < deadline, "the server never noticed ghost's close");
    }
    alice.send("{\"type\":\"find\"}");
    alice.expectNothingBut_users(300);
    bob.send("{\"type\":\"find\"}");
    assertEquals("bob", alice.nextSkippingUsers("match").get("name").getAsString());
    bob.nextSkippingUsers("match");
    bob.close();
    assertEquals("bob", alice.nextSkippingUsers("leave").get("name").getAsString());
    assertNull(alice.received.stream().filter(m -> m.get("type").getAsString().equals("match"))
        .findAny().orElse(null));
  }

  /** Pairs two idle users through the queue and consumes their match messages. */
  static void pair(TestClient first, TestClient second) {
    first.send("{\"type\":\"find\"}");
    awaitMatching(first);
    second.send("{\"type\":\"find\"}");
    first.nextSkippingUsers("match");
    second.nextSkippingUsers("match");
  }

  /** Waits until the server has queued {@code client} (its own status reads "matching"). */
  static void awaitMatching(TestClient client) {
    long end = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    while (System.currentTimeMillis() < end) {
      if (ClassicProtocolTest.statusOf(client, client.name).equals("matching")) {
        return;
      }
    }
    throw new AssertionError(client.name + " never queued");
  }
}
