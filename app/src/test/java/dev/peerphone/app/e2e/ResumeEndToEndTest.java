package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.RawClient;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TcpProxy;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL, Resuming, with real parts: alice's network path to the server dies silently mid-call
 * (the server does not notice); her client reconnects and, presenting its resume token, is
 * logged in again at once with the call still hers on the server, and the video keeps flowing.
 */
class ResumeEndToEndTest {
  private final TestServer server = new TestServer();
  private final TcpProxy path = TcpProxy.to(server.uri());
  private final Peers peers = new Peers(server);
  private final Recorder alice = new Recorder("alice");
  private final Recorder bob = new Recorder("bob");

  @AfterEach
  void tearDown() {
    peers.close();
    path.close();
    server.close();
  }

  @Test
  void aSilentlyDeadPathIsResumedWithinOneSecondAndTheCallGoesOn() throws Exception {
    PeerClient a = peers.start(path.uri(server.uri()), "alice", alice);
    peers.start("bob", bob);
    a.calls().call("bob");
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 10, Duration.ofSeconds(15));
    long before = bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 10, Duration.ofSeconds(15)).frames();

    long t0 = System.nanoTime();
    path.severSilently();
    alice.await(CallEvent.SignalingLost.class, Duration.ofSeconds(1));
    CallEvent.LoggedIn again = alice.await(CallEvent.LoggedIn.class, Duration.ofSeconds(1));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 1000, "logged in again after " + ms + " ms");
    assertTrue(again.users().contains(new UserStatus("alice", "busy"))
        && again.users().contains(new UserStatus("bob", "busy")),
        "the server kept the call for the new connection: " + again.users());
    assertTrue(path.connections() >= 2, "reconnected through the proxy");

    RawClient impostor = new RawClient(server.uri());
    assertTrue(impostor.connectBlocking(5, TimeUnit.SECONDS));
    impostor.send("{\"type\":\"login\",\"name\":\"alice\",\"features\":[\"ring\"],\"token\":\"not-hers\"}");
    impostor.awaitContaining("\"name-taken\"");
    impostor.close();

    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= before + 30, Duration.ofSeconds(5));
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= before + 30, Duration.ofSeconds(5));
    alice.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofMillis(500));
    alice.assertNeverSaw(CallEvent.CallEnded.class);
    bob.assertNeverSaw(CallEvent.CallEnded.class);
    bob.assertNeverSaw(CallEvent.SignalingLost.class);

    a.calls().hangup("bob"); // its leave reaches bob through the resumed session
    bob.await(CallEvent.CallEnded.class, e -> e.peer().equals("alice"), Duration.ofSeconds(5));
  }

  @Test
  void aRoulettePairSurvivesASilentlyDeadPathWithoutBeingReMatched() {
    PeerClient a = peers.start(path.uri(server.uri()), "alice", alice);
    PeerClient b = peers.start("bob", bob);
    a.calls().find();
    alice.await(CallEvent.RouletteStatus.class, Duration.ofSeconds(5));
    b.calls().find();
    alice.await(CallEvent.Match.class, e -> e.peer().equals("bob"), Duration.ofSeconds(5));
    long before = bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 10, Duration.ofSeconds(15)).frames();
    Recorder carol = new Recorder("carol");
    peers.start("carol", carol).calls().find(); // someone to be wrongly matched with
    carol.await(CallEvent.RouletteStatus.class, Duration.ofSeconds(5));

    path.severSilently();
    alice.await(CallEvent.SignalingLost.class, Duration.ofSeconds(1));
    alice.await(CallEvent.LoggedIn.class, Duration.ofSeconds(1));
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= before + 30, Duration.ofSeconds(5));
    carol.assertNone(CallEvent.Match.class, e -> true, Duration.ofMillis(500));
    alice.assertNeverSaw(CallEvent.CallEnded.class);
    bob.assertNeverSaw(CallEvent.CallEnded.class);
    alice.assertNone(CallEvent.Match.class, e -> true, Duration.ofMillis(100));

    b.calls().next(); // the server parts bob from alice's new connection
    alice.await(CallEvent.CallEnded.class, e -> e.peer().equals("bob"), Duration.ofSeconds(5));
  }
}
