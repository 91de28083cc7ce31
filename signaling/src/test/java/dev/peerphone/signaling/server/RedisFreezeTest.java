package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis frozen (SIGSTOP: it keeps its sockets open and answers nothing) while users are in calls,
 * then let go (SIGCONT), as issue 11 asks: alice and bob are in a call on node a, carol (node a)
 * and dave (node b) in a call across the nodes. During the freeze the same-node call's relays go
 * on at their usual pace, cross-node relays and logins are refused with {@code rate-limited}
 * within the 2 s command timeout; after it everything works again within about a second, no relay
 * arrives late (one sent into the frozen Redis is dropped: older than 3 s), and both calls are
 * still calls: nobody is told {@code leave}. A freeze longer than the 5 s lease changes nothing
 * for the users: a frozen Redis runs nothing, so no reaper runs either, and each node's renewals
 * queued during the freeze run first when it resumes.
 */
class RedisFreezeTest {
  /** The command timeout (RedisDirectory.COMMAND_TIMEOUT) plus room for a loaded machine. */
  private static final long REFUSED_WITHIN_MS = 2_000 + 1_500;
  /** "Everything works again within about a second", plus room for a loaded machine. */
  private static final long BACK_WITHIN_MS = 3_000;
  /** A same-node relay in a frozen cluster is as fast as ever: loopback, no Redis on its path. */
  private static final long SAME_NODE_WITHIN_MS = 500;

  @RegisterExtension
  final ClusterFixture cluster = ClusterFixture.started();

  @Test
  void aFiveSecondFreezeKeepsSameNodeCallsGoingRefusesTheRestBrieflyAndEndsNoCall() throws Exception {
    freezeDuringCalls(5_000);
  }

  @Test
  void aFreezeLongerThanTheLeaseEndsNoCallEither() throws Exception {
    freezeDuringCalls(8_000);
  }

  private void freezeDuringCalls(long freezeMs) throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.a, "bob");
    TestClient carol = cluster.login(cluster.a, "carol");
    TestClient dave = cluster.login(cluster.b, "dave");
    call(alice, bob);
    call(carol, dave);
    TestClient erin = cluster.connect(cluster.b);

    cluster.redis.freeze();
    long frozen = System.nanoTime();
    try {
      carol.send(chat("dave", "stale"));
      erin.send("{\"type\":\"login\",\"name\":\"erin\"}");
      long sameNodeWorst = 0;
      int sent = 0;
      long chatRefusedMs = -1;
      long loginRefusedMs = -1;
      while (msSince(frozen) < freezeMs - 500) {
        alice.send(chat("bob", Long.toString(System.nanoTime())));
        long latency = msSince(Long.parseLong(bob.nextSkippingUsers("chat").get("text").getAsString()));
        sameNodeWorst = Math.max(sameNodeWorst, latency);
        sent++;
        chatRefusedMs = chatRefusedMs >= 0 ? chatRefusedMs : refusedSince(carol, frozen);
        loginRefusedMs = loginRefusedMs >= 0 ? loginRefusedMs : refusedSince(erin, frozen);
        Thread.sleep(100); // the call's pace: about a chat every 100 ms
      }
      assertTrue(sent >= 10, "only " + sent + " same-node relays during the freeze");
      assertTrue(sameNodeWorst < SAME_NODE_WITHIN_MS, "a same-node relay took " + sameNodeWorst + " ms");
      assertTrue(chatRefusedMs >= 0 && chatRefusedMs < REFUSED_WITHIN_MS, "cross-node chat refused after "
          + chatRefusedMs + " ms (-1: not in the freeze)");
      assertTrue(loginRefusedMs >= 0 && loginRefusedMs < REFUSED_WITHIN_MS, "login refused after "
          + loginRefusedMs + " ms (-1: not in the freeze)");
    } finally {
      cluster.redis.thaw();
    }
    long thawed = System.nanoTime();

    awaitRelay(carol, dave, thawed);
    awaitRelay(dave, carol, thawed);
    erin.send("{\"type\":\"login\",\"name\":\"erin\"}");
    awaitLogin(erin, "erin", thawed);
    alice.send(chat("bob", Long.toString(System.nanoTime())));
    checked(bob, bob.nextSkippingUsers("chat"));
    checkRest(carol, REAPER_CHANCE_MS); // a reaper would have run by now
    for (TestClient c : List.of(alice, bob, carol, dave)) {
      checkRest(c, 0);
      assertEquals("busy", ClassicProtocolTest.statusOf(c, c.name), c.name + " is still in a call");
    }
  }

  /** A renewal (every second), then DEAD and REAP: time for a reaper to act, were there one. */
  private static final long REAPER_CHANCE_MS = 2_500;

  /**
   * Reads what {@code c} gets within {@code ms} (or what it has got already): no {@code leave},
   * no relay older than {@link CrossNode#MAX_AGE_MS}, never the chat sent into the frozen Redis;
   * refusals (sent just as Redis resumed) and presence pushes are fine.
   */
  private static void checkRest(TestClient c, long ms) {
    long end = System.currentTimeMillis() + ms;
    for (JsonObject m = c.poll(ms); m != null; m = c.poll(Math.max(0, end - System.currentTimeMillis()))) {
      checked(c, m);
    }
  }

  private static JsonObject checked(TestClient c, JsonObject m) {
    String type = m.get("type").getAsString();
    if (type.equals("chat")) {
      String text = m.get("text").getAsString();
      assertTrue(!text.equals("stale"), c.name + " got the chat sent into the frozen Redis");
      long age = msSince(Long.parseLong(text));
      assertTrue(age <= CrossNode.MAX_AGE_MS, c.name + " got a relay " + age + " ms late");
    } else if (type.equals("error")) {
      assertEquals("rate-limited", m.get("code").getAsString(), m.toString());
    } else {
      assertEquals("users", type, c.name + " got " + m);
    }
    return m;
  }

  /** Makes {@code a} and {@code b} a call: an offer and its answer. */
  private static void call(TestClient a, TestClient b) {
    a.send("{\"type\":\"offer\",\"name\":\"" + b.name + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    b.nextSkippingUsers("offer");
    b.send("{\"type\":\"answer\",\"name\":\"" + a.name + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"y\"}}");
    a.nextSkippingUsers("answer");
  }

  /**
   * Ms from {@code since} if {@code c} has been refused ({@code rate-limited}, saying the cluster
   * is unreachable) by now, else -1; presence pushes are skipped.
   */
  private static long refusedSince(TestClient c, long since) {
    for (JsonObject m = c.poll(0); m != null; m = c.poll(0)) {
      if (!m.get("type").getAsString().equals("users")) {
        assertEquals("rate-limited", m.get("code").getAsString(), m.toString());
        assertTrue(m.get("message").getAsString().contains("cluster"), m.toString());
        return msSince(since);
      }
    }
    return -1;
  }

  /**
   * Sends {@code from} → {@code to} chats until one arrives, within {@link #BACK_WITHIN_MS} of the
   * thaw; whatever either gets meanwhile passes {@link #checked}.
   */
  private static void awaitRelay(TestClient from, TestClient to, long thawed) {
    while (true) {
      from.send(chat(to.name, Long.toString(System.nanoTime())));
      for (JsonObject m = to.poll(200); m != null; m = to.poll(200)) {
        if (checked(to, m).get("type").getAsString().equals("chat")) {
          return;
        }
      }
      checkRest(from, 0);
      assertTrue(msSince(thawed) < BACK_WITHIN_MS, "no relay " + from.name + " -> " + to.name + " after the thaw");
    }
  }

  private static void awaitLogin(TestClient c, String name, long thawed) throws InterruptedException {
    while (true) {
      JsonObject reply = c.nextAny();
      if (reply.get("type").getAsString().equals("login")) {
        assertTrue(reply.get("success").getAsBoolean(), reply.toString());
        return;
      }
      if (!reply.get("type").getAsString().equals("users")) {
        assertEquals("rate-limited", reply.get("code").getAsString(), reply.toString());
        assertTrue(msSince(thawed) < BACK_WITHIN_MS, "no login after the thaw: " + reply);
        Thread.sleep(200); // retry at a pace below the connection's message limit
        c.send("{\"type\":\"login\",\"name\":\"" + name + "\"}");
      }
    }
  }

  private static String chat(String to, String text) {
    return "{\"type\":\"chat\",\"name\":\"" + to + "\",\"text\":\"" + text + "\"}";
  }

  private static long msSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
