package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two real clients, real webrtc-java PeerConnections, through the real signaling server. */
class CallEndToEndTest {
  private final TestServer server = new TestServer();
  private final Peers peers = new Peers(server);
  private final Recorder alice = new Recorder("alice");
  private final Recorder bob = new Recorder("bob");

  @AfterEach
  void tearDown() {
    peers.close();
    server.close();
  }

  @Test
  void ringingCallConnectsAndVideoFlowsBothWays() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);

    a.calls().call("bob");
    bob.await(CallEvent.IncomingCall.class, e -> e.peer().equals("alice"), Duration.ofSeconds(5));
    alice.await(CallEvent.CallConnected.class, e -> e.peer().equals("bob"), Duration.ofSeconds(15));
    bob.await(CallEvent.CallConnected.class, e -> e.peer().equals("alice"), Duration.ofSeconds(15));

    CallEvent.RemoteVideo atAlice = alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, Duration.ofSeconds(15));
    CallEvent.RemoteVideo atBob = bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, Duration.ofSeconds(15));
    assertEquals(640, atAlice.width());
    assertEquals(480, atBob.height());
    assertTrue(atBob.frames() >= 30);
  }
}
