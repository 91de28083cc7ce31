package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.RawClient;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two or three real clients, real webrtc-java PeerConnections, through the real signaling server. */
class CallEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(15);
  private final TestServer server = new TestServer();
  private final Peers peers = new Peers(server);
  private final Recorder alice = new Recorder("alice");
  private final Recorder bob = new Recorder("bob");
  private final Recorder carol = new Recorder("carol");

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
    alice.await(CallEvent.Ringing.class);
    bob.await(CallEvent.IncomingCall.class, e -> e.peer().equals("alice"), Duration.ofSeconds(5));
    alice.await(CallEvent.CallConnected.class, e -> e.peer().equals("bob"), CONNECT);
    bob.await(CallEvent.CallConnected.class, e -> e.peer().equals("alice"), CONNECT);

    CallEvent.RemoteVideo atAlice = alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    CallEvent.RemoteVideo atBob = bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    assertEquals(640, atAlice.width());
    assertEquals(480, atAlice.height());
    assertEquals(640, atBob.width());
    assertTrue(atBob.frames() >= 30);
  }

  @Test
  void offerWithoutRingingIsAnsweredLikeATutorialPage() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);

    a.calls().callDirect("bob");
    bob.await(CallEvent.IncomingCall.class, e -> e.peer().equals("alice"), Duration.ofSeconds(5));
    bob.awaitAll(CONNECT, e -> e instanceof CallEvent.CallConnected, e -> e instanceof CallEvent.FirstVideoFrame);
    alice.await(CallEvent.FirstVideoFrame.class, CONNECT);
  }

  @Test
  void hangupEndsTheCallOnBothSides() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);
    a.calls().call("bob");
    alice.await(CallEvent.ChatOpen.class, CONNECT);
    bob.await(CallEvent.ChatOpen.class, CONNECT);

    a.calls().hangup("bob");
    assertEquals("hangup", alice.await(CallEvent.CallEnded.class).reason());
    assertEquals("remote-hangup", bob.await(CallEvent.CallEnded.class, Duration.ofSeconds(5)).reason());
  }

  @Test
  void secondCallerGetsBusyUnlessMultiCallIsOn() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);
    PeerClient c = peers.start("carol", carol);
    a.calls().call("bob");
    bob.await(CallEvent.CallConnected.class, CONNECT);

    c.calls().call("bob");
    assertEquals("busy", carol.await(CallEvent.CallEnded.class, e -> e.peer().equals("bob"), Duration.ofSeconds(5)).reason());
    c.calls().callDirect("bob");
    assertEquals("busy", carol.await(CallEvent.CallEnded.class, e -> e.peer().equals("bob"), Duration.ofSeconds(5)).reason());
  }

  @Test
  void multiCallPeerHoldsTwoCallsAtOnce() {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob, CallOptions.defaults().withAutoAnswer(true).withMultiCall(true), MediaConfig.synthetic());
    PeerClient c = peers.start("carol", carol);
    a.calls().call("bob");
    c.calls().call("bob");
    bob.await(CallEvent.RemoteVideo.class, e -> e.peer().equals("alice") && e.frames() > 10, CONNECT);
    bob.await(CallEvent.RemoteVideo.class, e -> e.peer().equals("carol") && e.frames() > 10, CONNECT);
    alice.await(CallEvent.FirstVideoFrame.class, CONNECT);
    carol.await(CallEvent.FirstVideoFrame.class, CONNECT);
  }

  @Test
  void callingAnUnknownUserEndsWithATypedError() {
    PeerClient a = peers.start("alice", alice);
    a.calls().call("ghost");
    assertEquals("unknown-user", alice.await(CallEvent.Error.class).code());
    assertEquals("unknown-user", alice.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void malformedOfferGivesATypedErrorAndTheClientKeepsWorking() throws Exception {
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);
    RawClient mallory = RawClient.login(server.uri(), "mallory");
    mallory.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0 garbage\"}}");
    assertEquals("invalid-sdp", bob.await(CallEvent.Error.class, Duration.ofSeconds(5)).code());
    assertEquals("failed", bob.await(CallEvent.CallEnded.class, e -> e.peer().equals("mallory"), Duration.ofSeconds(5)).reason());
    mallory.send("{\"type\":\"offer\",\"name\":\"bob\",\"offer\":{\"type\":\"bogus\",\"sdp\":\"x\"}}");
    assertEquals("invalid-sdp", bob.await(CallEvent.Error.class, Duration.ofSeconds(5)).code());
    mallory.send("{\"type\":\"answer\",\"name\":\"bob\",\"answer\":{\"type\":\"answer\",\"sdp\":\"x\"}}");
    assertEquals("unexpected-answer", bob.await(CallEvent.Error.class, Duration.ofSeconds(5)).code());
    mallory.close();

    a.calls().call("bob");
    bob.await(CallEvent.CallConnected.class, e -> e.peer().equals("alice"), CONNECT);
  }
}
