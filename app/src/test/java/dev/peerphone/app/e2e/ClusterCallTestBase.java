package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.ClusterRig;
import dev.peerphone.app.testing.FrameTimes;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.RawClient;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.signaling.server.NodeProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What both end-to-end cluster tests start from: a {@link ClusterRig} (Redis, two node processes,
 * HAProxy), and alice and bob — real webrtc-java peers — logged in through HAProxy onto different
 * nodes, in a call with video and audio arriving both ways; plain WebSocket users on the side.
 */
abstract class ClusterCallTestBase {
  static final Duration CONNECT = Duration.ofSeconds(30);
  /** The longest time without a decoded frame that still counts as "the media went on". */
  static final long MAX_GAP_MS = 1_000;

  final Peers peers = new Peers();
  final List<RawClient> raw = new ArrayList<>();
  final Recorder alice = new Recorder("alice");
  final Recorder bob = new Recorder("bob");
  final FrameTimes atAlice = new FrameTimes("bob");
  final FrameTimes atBob = new FrameTimes("alice");
  ClusterRig rig;
  PeerClient a;
  PeerClient b;
  NodeProcess aliceNode;
  NodeProcess bobNode;

  @AfterEach
  void tearDown() {
    peers.close();
    raw.forEach(RawClient::close);
    if (rig != null) {
      rig.close();
    }
  }

  /** Starts the rig and the call across the two nodes; returns when media flows both ways. */
  void startCallAcrossNodes() throws Exception {
    rig = new ClusterRig();
    a = peers.start(rig.front(), "alice", alice);
    assertEquals(1, rig.users(rig.node1) + rig.users(rig.node2), "alice reached one node");
    aliceNode = rig.users(rig.node1) == 1 ? rig.node1 : rig.node2;
    bobNode = rig.other(aliceNode);
    b = peers.start(rig.front(), "bob", bob);
    assertEquals(1, rig.users(bobNode), "bob landed on the other node (HAProxy balances leastconn)");
    assertEquals(1, rig.users(aliceNode));
    a.media().setFrameTap(atAlice);
    b.media().setFrameTap(atBob);
    a.calls().call("bob");
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 10, CONNECT);
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 10, CONNECT);
    bob.await(CallEvent.RemoteAudio.class, CONNECT);
    alice.await(CallEvent.RemoteAudio.class, CONNECT);
  }

  /** Keeps {@code c} to be closed after the test. */
  RawClient raw(RawClient c) {
    raw.add(c);
    return c;
  }
}
