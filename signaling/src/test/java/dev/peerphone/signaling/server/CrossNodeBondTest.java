package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.peerjs.PeerJsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A user resumed onto its peer's node: the peer's node re-announces their call ({@code bond-call})
 * a Redis round trip later. If the two ended the call on this node meanwhile (a {@code leave}
 * handled between the announcement and its delivery, which load makes likely), the late bond must
 * not bring the call back and leave both {@code busy} (NodeDeathTest's leave-right-after-a-resume
 * case failed that way on a loaded machine); a bond from a peer still in the call applies.
 */
class CrossNodeBondTest {
  private final Map<String, Session> byKey = new LinkedHashMap<>();
  private final CrossNode crossNode;

  CrossNodeBondTest() {
    Metrics metrics = new Metrics();
    Presence presence = new Presence(new Presence.Scheduler() {
      @Override
      public void schedule(Runnable task, long delayNanos) {}

      @Override
      public long nanoTime() {
        return 0;
      }
    }, Duration.ofMillis(100), () -> 0, () -> 0);
    Directory directory = Directory.local();
    SharedRoulette shared = new SharedRoulette(directory, byKey, metrics, presence);
    PeerJsCluster peerJs = new PeerJsCluster(PeerJsConfig.defaults(), directory, byKey, metrics, presence, shared,
        new UserLists(byKey, 100, directory));
    crossNode = new CrossNode(directory, byKey, metrics, presence, shared, peerJs);
  }

  @Test
  void aLateBondFromAPeerOnThisNodeThatEndedTheCallIsIgnored() {
    Session alice = user("alice");
    Session bob = user("bob");
    bob.remoteCalls.add("alice"); // bob announced the call...
    crossNode.deliver("alice", Envelope.encode(Envelope.BOND_CALL, "bob", "", -1));
    assertTrue(alice.remoteCalls.contains("bob"), "a bond from a peer still in the call applies");
    alice.remoteCalls.clear();
    bob.remoteCalls.clear(); // ...then a leave ended it on this node before the bond landed
    crossNode.deliver("alice", Envelope.encode(Envelope.BOND_CALL, "bob", "", -1));
    assertFalse(alice.inCall(), "the ended call came back");
    assertEquals("available", alice.status());
    crossNode.deliver("alice", Envelope.encode(Envelope.BOND_RING, "bob", "", -1));
    assertFalse(alice.remoteRinging.contains("bob"), "nor ringing that ended");
  }

  private Session user(String name) {
    Session s = new Session(new RecordingLink(), null, 0, null, false, null);
    s.name = name;
    s.key = name;
    s.quotedName = "\"" + name + "\"";
    byKey.put(name, s);
    return s;
  }

  private static final class RecordingLink implements Link {
    final List<String> sent = new ArrayList<>();

    @Override
    public void send(Encoded text) {
      sent.add(new String(text.utf8(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void close(int code, String reason) {}

    @Override
    public void drop(String reason) {}

    @Override
    public void ping() {}
  }
}
