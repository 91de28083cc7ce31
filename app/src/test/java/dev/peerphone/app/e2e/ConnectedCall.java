package dev.peerphone.app.e2e;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real Java↔Java call set up before each test: alice ({@link #a}) calls bob on a fresh server,
 * and the test starts once bob has decoded 10 of alice's frames.
 */
abstract class ConnectedCall {
  static final Duration CONNECT = Duration.ofSeconds(15);
  final TestServer server = new TestServer();
  final Peers peers = new Peers(server);
  final Recorder alice = new Recorder("alice");
  final Recorder bob = new Recorder("bob");
  PeerClient a;

  @BeforeEach
  void connect() {
    a = peers.start("alice", alice);
    peers.start("bob", bob);
    a.calls().call("bob");
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 10, CONNECT);
  }

  @AfterEach
  void tearDown() {
    peers.close();
    server.close();
  }
}
