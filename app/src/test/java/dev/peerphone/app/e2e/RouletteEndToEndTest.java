package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Four clients in the roulette: two calls, and "next" re-pairs. */
class RouletteEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(15);
  private final TestServer server = new TestServer();
  private final Peers peers = new Peers(server);

  @AfterEach
  void tearDown() {
    peers.close();
    server.close();
  }

  @Test
  void fourPeersMakeTwoCallsAndNextRepairs() {
    List<String> names = List.of("p1", "p2", "p3", "p4");
    Map<String, Recorder> rec = new HashMap<>();
    Map<String, PeerClient> client = new HashMap<>();
    for (String n : names) {
      rec.put(n, new Recorder(n));
      client.put(n, peers.start(n, rec.get(n)));
    }
    for (String n : names) {
      client.get(n).calls().find();
      assertEquals("Waiting for a free peer", rec.get(n).await(CallEvent.RouletteStatus.class).status());
    }
    Map<String, String> partner = new HashMap<>();
    for (String n : names) {
      CallEvent.Match m = rec.get(n).await(CallEvent.Match.class, Duration.ofSeconds(5));
      partner.put(n, m.peer());
    }
    List<String> initiators = new ArrayList<>();
    for (String n : names) {
      assertEquals(n, partner.get(partner.get(n)), "pairs are mutual");
      rec.get(n).awaitAll(CONNECT,
          e -> e instanceof CallEvent.CallConnected c && c.peer().equals(partner.get(n)),
          e -> e instanceof CallEvent.RouletteStatus r && r.status().equals("Connected to a peer"),
          e -> e instanceof CallEvent.FirstVideoFrame);
    }

    // p1 presses Next: its partner is told, both queue again and p1 gets a new call.
    String old = partner.get("p1");
    client.get("p1").calls().next();
    assertEquals("next", rec.get("p1").await(CallEvent.CallEnded.class).reason());
    rec.get(old).await(CallEvent.CallEnded.class, e -> e.peer().equals("p1"), Duration.ofSeconds(5));
    CallEvent.Match again = rec.get("p1").await(CallEvent.Match.class, Duration.ofSeconds(10));
    rec.get("p1").await(CallEvent.CallConnected.class, e -> e.peer().equals(again.peer()), CONNECT);

    // A fifth peer waits alone; the next "next" pairs p1 with it, not with the partner it left.
    Recorder r5 = new Recorder("p5");
    peers.start("p5", r5).calls().find();
    r5.await(CallEvent.RouletteStatus.class);
    String left = again.peer();
    client.get("p1").calls().next();
    CallEvent.Match fresh = rec.get("p1").await(CallEvent.Match.class, Duration.ofSeconds(10));
    assertEquals("p5", fresh.peer());
    assertNotEquals(left, fresh.peer());
    rec.get("p1").await(CallEvent.CallConnected.class, e -> e.peer().equals("p5"), CONNECT);
    r5.await(CallEvent.CallConnected.class, e -> e.peer().equals("p1"), CONNECT);
  }
}
