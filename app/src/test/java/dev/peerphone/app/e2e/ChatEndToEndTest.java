package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chat over the RTCDataChannel between two real clients. */
class ChatEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(15);
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
  void chatFlowsBothWaysIncludingAMessageSentBeforeTheChannelOpened() {
    PeerClient a = peers.start("alice", alice);
    PeerClient b = peers.start("bob", bob);

    a.calls().call("bob");
    a.calls().sendChat("bob", "sent while ringing"); // queued: no channel yet
    assertEquals("sent while ringing", bob.await(CallEvent.ChatReceived.class, CONNECT).text());

    String unicode = "Grüße, 你好, 👋 <b>not html</b>";
    b.calls().sendChat("alice", unicode);
    CallEvent.ChatReceived got = alice.await(CallEvent.ChatReceived.class, Duration.ofSeconds(5));
    assertEquals("bob", got.peer());
    assertEquals(unicode, got.text());

    for (int i = 0; i < 20; i++) {
      a.calls().sendChat("bob", "m" + i);
    }
    for (int i = 0; i < 20; i++) {
      assertEquals("m" + i, bob.await(CallEvent.ChatReceived.class, Duration.ofSeconds(5)).text(), "in order");
    }
  }

  @Test
  void messageQueuedForACallThatEndsFirstIsReportedUndelivered() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob, CallOptions.defaults(), MediaConfig.synthetic()); // bob does not answer

    a.calls().call("bob");
    bob.await(CallEvent.IncomingCall.class);
    a.calls().sendChat("bob", "are you there?");
    a.calls().hangup("bob");
    CallEvent.ChatUndelivered undelivered = alice.await(CallEvent.ChatUndelivered.class);
    assertEquals("are you there?", undelivered.text());
    assertEquals("hangup", alice.await(CallEvent.CallEnded.class).reason());
    assertEquals("remote-hangup", bob.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void chatWithoutACallIsRelayedByTheServer() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);
    a.calls().sendChat("bob", "ping via server");
    CallEvent.ChatReceived got = bob.await(CallEvent.ChatReceived.class, Duration.ofSeconds(5));
    assertEquals("alice", got.peer());
    assertEquals("ping via server", got.text());
  }
}
