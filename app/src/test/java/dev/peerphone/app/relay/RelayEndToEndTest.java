package dev.peerphone.app.relay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.Coturn;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import dev.peerphone.signaling.server.ServerConfig;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relay-only calls between two Java peers through a real coturn started from
 * {@code deploy/turnserver.conf}: video decoded both ways, and coturn's own log shows an
 * allocation and relayed bytes for both users.
 */
class RelayEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(30);
  /** Far more than signaling or STUN checks: 30 decoded frames each way are tens of kilobytes. */
  private static final long MEDIA_BYTES = 50_000;
  private static final String SECRET = UUID.randomUUID().toString();
  private static Coturn coturn;
  private TestServer server;
  private Peers peers;
  private final Recorder alice = new Recorder("alice");
  private final Recorder bob = new Recorder("bob");

  @BeforeAll
  static void startCoturn() {
    coturn = Coturn.start(SECRET);
  }

  @AfterAll
  static void stopCoturn() {
    coturn.close();
  }

  @AfterEach
  void tearDown() {
    if (peers != null) {
      peers.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void serve(ServerConfig config) {
    server = new TestServer(config);
    peers = new Peers(server);
  }

  @Test
  void theOperatorsRelayOnlyPolicyCarriesVideoBothWaysThroughTurn() {
    serve(coturn.configure(ServerConfig.defaults(), Duration.ofMinutes(10)).withRelayOnly(true));
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);
    a.calls().call("bob");
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    assertTrue(coturn.allocatedFor("alice"), "alice allocated a relay: " + coturn.tail());
    assertTrue(coturn.allocatedFor("bob"), "bob allocated a relay: " + coturn.tail());
    hangUpAndCheckRelayed(a, "bob");
  }

  /** Ends the call so coturn closes the allocations and logs what each relayed. */
  private void hangUpAndCheckRelayed(PeerClient caller, String callee) {
    caller.calls().hangup(callee);
    alice.await(CallEvent.CallEnded.class, CONNECT);
    bob.await(CallEvent.CallEnded.class, CONNECT);
    long a = coturn.awaitRelayedBytes("alice", MEDIA_BYTES, CONNECT);
    long b = coturn.awaitRelayedBytes("bob", MEDIA_BYTES, CONNECT);
    System.out.printf("coturn relayed %d bytes for alice, %d for bob%n", a, b);
  }
}
