package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The signaling server goes away mid-call: media and chat carry on, clients log in again. */
class ReconnectEndToEndTest {
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
  void serverRestartMidCallKeepsChatWorkingAndBothLogInAgainWithinFiveSeconds() {
    PeerClient a = peers.start("alice", alice);
    PeerClient b = peers.start("bob", bob);
    a.calls().call("bob");
    alice.await(CallEvent.ChatOpen.class, Duration.ofSeconds(15));
    bob.await(CallEvent.ChatOpen.class, Duration.ofSeconds(15));

    long t0 = System.nanoTime();
    server.restart();
    alice.await(CallEvent.SignalingLost.class, Duration.ofSeconds(5));
    bob.await(CallEvent.SignalingLost.class, Duration.ofSeconds(5));

    // Chat is peer to peer: it works while the clients reconnect. Both are logged in again
    // within 5 s of the restart; the chat and the re-login may arrive in either order.
    a.calls().sendChat("bob", "during the outage");
    Duration left = Duration.ofSeconds(5).minusNanos(System.nanoTime() - t0);
    alice.await(CallEvent.LoggedIn.class, e -> e.name().equals("alice"), left);
    left = Duration.ofSeconds(5).minusNanos(System.nanoTime() - t0);
    bob.awaitAll(left,
        e -> e instanceof CallEvent.LoggedIn l && l.name().equals("bob"),
        e -> e instanceof CallEvent.ChatReceived c && c.text().equals("during the outage"));

    b.calls().sendChat("alice", "after the restart");
    assertEquals("after the restart", alice.await(CallEvent.ChatReceived.class, Duration.ofSeconds(5)).text());
    alice.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofMillis(2000));
    bob.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofMillis(100));
    bob.await(CallEvent.RemoteVideo.class, Duration.ofSeconds(3)); // media still flowing
  }
}
