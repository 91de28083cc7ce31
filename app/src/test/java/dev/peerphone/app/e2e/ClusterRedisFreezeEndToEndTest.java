package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.testing.RawClient;
import dev.peerphone.app.testing.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, "Redis frozen", with real parts end to end: two webrtc-java peers on the two nodes of
 * a cluster behind HAProxy are in a call with video and audio when Redis is frozen (SIGSTOP: it
 * keeps its sockets open and answers nothing) for 5 s, then resumed (SIGCONT). The media goes on
 * and the peers stay in their call throughout; a chat relayed by the server to a user of the same
 * node arrives at once, one to a user of the other node is refused with a typed error that the app
 * surfaces ({@code rate-limited}, "the cluster directory is unreachable") and is never delivered
 * late; once Redis runs again, chat to the other node works again within about 2 s.
 */
class ClusterRedisFreezeEndToEndTest extends ClusterCallTestBase {
  private static final long FREEZE_MS = 5_000;
  /** Nodes give up on a Redis command after 2 s (docs/CLUSTER.md); the app must have said so by then. */
  private static final long REFUSED_MS = 3_500;
  /** Chat to the other node works again this soon after SIGCONT ("~2 s" in the issue). */
  private static final long RECOVERED_MS = 2_500;

  @Test
  void aFiveSecondRedisFreezeKeepsTheCallAndRefusesCrossNodeRelaysWithATypedErrorInsteadOfLateDelivery()
      throws Exception {
    startCallAcrossNodes();
    RawClient carol = raw(RawClient.login(aliceNode.uri, "carol")); // on alice's node
    RawClient dave = raw(RawClient.login(bobNode.uri, "dave")); // on the other one
    a.calls().sendChat("dave", "before");
    assertNotNull(dave.pollContaining("before", Duration.ofSeconds(5)), "chat across nodes works before");

    alice.drain();
    bob.drain();
    long frozen = System.nanoTime();
    rig.redis.freeze();

    a.calls().sendChat("carol", "same node while frozen");
    assertNotNull(carol.pollContaining("same node while frozen", Duration.ofSeconds(1)),
        "a relay within one node needs no Redis");
    long sameNodeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen);
    long sent = System.nanoTime();
    a.calls().sendChat("dave", "other node while frozen");
    CallEvent.Error refused = alice.await(CallEvent.Error.class, e -> e.code().equals("rate-limited"),
        Duration.ofMillis(REFUSED_MS));
    long refusedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    assertTrue(refused.message().contains("unreachable"), refused.message());
    a.calls().sendChat("bob", "peer to peer while frozen"); // the call's own channel: no server at all
    assertEquals("peer to peer while frozen", bob.await(CallEvent.ChatReceived.class, Duration.ofSeconds(3)).text());

    long thawAt = frozen + TimeUnit.MILLISECONDS.toNanos(FREEZE_MS);
    String early = dave.pollContaining("\"chat\"", Duration.ofNanos(thawAt - System.nanoTime()));
    assertNull(early, "nothing crosses nodes while Redis is frozen");
    rig.redis.thaw();
    long thawed = System.nanoTime();

    long recoveredMs = awaitChatAcross(a, dave, thawed);
    assertNull(dave.pollContaining("other node while frozen", Duration.ofSeconds(3)),
        "the refused relay is not delivered late");
    System.out.printf("Redis frozen %d ms: same-node chat arrived %d ms into the freeze; cross-node chat refused"
        + " after %d ms (%s); chat across nodes again %d ms after SIGCONT%n", FREEZE_MS, sameNodeMs, refusedMs,
        refused.code(), recoveredMs);
    assertTrue(recoveredMs < RECOVERED_MS, "chat across nodes again only " + recoveredMs + " ms after SIGCONT");

    // The 1.5 s leave grace has passed since: a leave caused by the freeze would have ended the call.
    bob.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofSeconds(1));
    long observed = System.nanoTime();
    long gapAtBob = atBob.longestGapMs(frozen - TimeUnit.SECONDS.toNanos(1), observed);
    long gapAtAlice = atAlice.longestGapMs(frozen - TimeUnit.SECONDS.toNanos(1), observed);
    System.out.printf("from the freeze on (%.1f s): bob decoded %d frames from alice (longest gap %d ms), alice %d"
        + " from bob (longest gap %d ms)%n", (observed - frozen) / 1e9, atBob.count(frozen, observed), gapAtBob,
        atAlice.count(frozen, observed), gapAtAlice);
    assertTrue(gapAtBob < MAX_GAP_MS, "alice's video to bob stalled for " + gapAtBob + " ms");
    assertTrue(gapAtAlice < MAX_GAP_MS, "bob's video to alice stalled for " + gapAtAlice + " ms");
    alice.drain();
    bob.drain();
    alice.await(CallEvent.RemoteAudio.class, Duration.ofSeconds(3));
    bob.await(CallEvent.RemoteAudio.class, Duration.ofSeconds(3));
    for (Recorder r : List.of(alice, bob)) {
      r.assertNeverSaw(CallEvent.CallEnded.class);
      r.assertNeverSaw(CallEvent.SignalingLost.class);
    }

    // Signaling across nodes after the freeze: alice's hang-up reaches bob's node, which marks both available.
    a.calls().hangup("bob");
    bob.awaitAll(Duration.ofSeconds(5), // in either order: the bye comes peer to peer, the list from the server
        e -> e instanceof CallEvent.CallEnded c && c.peer().equals("alice"),
        e -> e instanceof CallEvent.UsersChanged u && u.users().contains(new UserStatus("alice", "available"))
            && u.users().contains(new UserStatus("bob", "available")));
    rig.haproxy.awaitServer("node1", "UP");
    rig.haproxy.awaitServer("node2", "UP");
  }

  /**
   * Sends chat from alice to dave every 200 ms until one arrives; ms from {@code since}. Fails if
   * the chat refused during the freeze arrives instead.
   */
  private long awaitChatAcross(PeerClient a, RawClient dave, long since) throws InterruptedException {
    long deadline = since + TimeUnit.SECONDS.toNanos(10);
    for (int i = 0; System.nanoTime() < deadline; i++) {
      a.calls().sendChat("dave", "after " + i);
      String m = dave.pollContaining("\"chat\"", Duration.ofMillis(200));
      if (m != null && m.contains("while frozen")) {
        fail("a relay refused during the freeze was delivered late: " + m);
      }
      if (m != null) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
      }
    }
    throw new AssertionError("no chat across nodes within 10 s of SIGCONT");
  }
}
