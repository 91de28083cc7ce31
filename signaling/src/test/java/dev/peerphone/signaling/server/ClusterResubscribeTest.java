package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The moment after a reconnect (docs/CLUSTER.md, "Redis unreachable"): while a node's subscriber
 * connection is down — after a Redis restart or a Sentinel failover it reconnects on its own, a
 * moment after the other nodes' command connections are back — a relay to one of its users reaches
 * no subscriber. That user is online: the sender must get {@code rate-limited} ("try again"), never
 * {@code unknown-user}, and its node must not forget the call (else the peer gets no {@code leave}
 * when the sender goes). Redis's {@code CLIENT KILL TYPE pubsub} cuts exactly the subscriber
 * connections, again and again for half a second here, so the gap is wide enough to be hit.
 */
class ClusterResubscribeTest {
  @RegisterExtension
  final ClusterFixture cluster = ClusterFixture.started();

  @Test
  void aRelayToAUserWhoseNodeIsResubscribingIsRefusedForNowNotUnknownAndTheCallIsKept() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    alice.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
    bob.nextSkippingUsers("offer");
    bob.send("{\"type\":\"answer\",\"name\":\"alice\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\"}}");
    alice.nextSkippingUsers("answer");

    Thread killer = new Thread(() -> {
      long end = System.currentTimeMillis() + 500;
      while (System.currentTimeMillis() < end) {
        try {
          cluster.redis.command("CLIENT", "KILL", "TYPE", "pubsub");
          Thread.sleep(15);
        } catch (Exception e) {
          return;
        }
      }
    }, "kill-subscribers");
    killer.start();
    int sent = 0;
    while (killer.isAlive() && sent < 150) { // under the per-connection burst
      alice.send(candidate(sent++));
      Thread.sleep(4);
    }
    killer.join();

    List<JsonObject> errors = new ArrayList<>();
    int delivered = 0;
    int last = -1;
    // Every candidate is either delivered (in order) or refused; nothing else, nothing late.
    for (int answered = 0; answered < sent; answered++) {
      JsonObject m = answeredOrDelivered(alice, bob);
      if (m.get("type").getAsString().equals("error")) {
        errors.add(m);
      } else {
        int k = m.getAsJsonObject("candidate").get("sdpMLineIndex").getAsInt();
        assertTrue(k > last, "candidates out of order: " + k + " after " + last);
        last = k;
        delivered++;
      }
    }
    assertTrue(!errors.isEmpty(), "the subscriber was cut off for 0.5 s, yet all " + sent + " relays arrived");
    for (JsonObject e : errors) {
      assertEquals("rate-limited", e.get("code").getAsString(), "an online user is never unknown: " + e);
      assertTrue(e.get("message").getAsString().contains("reconnecting"), e.toString());
    }
    assertTrue(delivered > 0, "relays went through between the cuts");

    // Relays work again once the subscriber is back (its reconnect delay grew to up to 1 s while
    // it was cut off again and again), and both nodes still know the call: when alice goes, bob
    // gets leave.
    long until = System.currentTimeMillis() + 5_000;
    JsonObject through = null;
    for (int k = 1000; through == null && System.currentTimeMillis() < until; k++) {
      alice.send(candidate(k));
      through = bob.poll(200);
      while (through != null && through.get("type").getAsString().equals("users")) {
        through = bob.poll(200);
      }
      for (JsonObject m; (m = alice.poll(0)) != null; ) {
        if (m.get("type").getAsString().equals("error")) {
          assertEquals("rate-limited", m.get("code").getAsString(), "an online user is never unknown: " + m);
        }
      }
    }
    assertTrue(through != null, "relays resume within 5 s of the last cut");
    assertEquals("candidate", through.get("type").getAsString(), through.toString());
    alice.close();
    assertEquals("alice", bob.nextSkippingUsers("leave").get("name").getAsString());
  }

  private static String candidate(int k) {
    return "{\"type\":\"candidate\",\"name\":\"bob\",\"candidate\":{\"candidate\":\"candidate:" + k
        + " 1 udp 1 192.0.2.1 9 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":" + k + "}}";
  }

  /** The next error for alice or candidate for bob, whichever comes (presence pushes skipped). */
  private static JsonObject answeredOrDelivered(TestClient alice, TestClient bob) {
    long end = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < end) {
      JsonObject m = alice.poll(5);
      if (m != null && !m.get("type").getAsString().equals("users")) {
        assertEquals("error", m.get("type").getAsString(), "alice got " + m);
        return m;
      }
      m = bob.poll(5);
      if (m != null && !m.get("type").getAsString().equals("users")) {
        assertEquals("candidate", m.get("type").getAsString(), "bob got " + m);
        return m;
      }
    }
    throw new AssertionError("a relay was neither delivered nor refused within 5 s");
  }
}
