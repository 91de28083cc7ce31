package dev.peerphone.app.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.Recorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The call state machine against fake signaling and fake links: fast, no native code. */
class CallControllerTest {
  private static final SessionDescription OFFER = new SessionDescription("offer", "v=0");
  private static final SessionDescription ANSWER = new SessionDescription("answer", "v=0");
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final Fakes.Signaling signaling = new Fakes.Signaling();
  private final Fakes.Media media = new Fakes.Media();
  private final Recorder events = new Recorder("me");
  private CallController controller;

  private CallController start(CallOptions options) {
    controller = new CallController(executor, signaling, media, options, events);
    controller.onSignal(new Signal.LoggedIn("me", List.of(), List.of()));
    events.await(CallEvent.LoggedIn.class);
    return controller;
  }

  private CallController start() {
    return start(CallOptions.defaults().withAutoAnswer(true));
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  /** Runs a link callback on the call executor, as real links do. */
  private void onExecutor(Runnable r) {
    executor.execute(r);
  }

  private Fakes.Link link(String peer) throws InterruptedException {
    for (int i = 0; i < 100 && !media.links.containsKey(peer); i++) {
      onExecutorSync();
    }
    return media.links.get(peer);
  }

  private void onExecutorSync() throws InterruptedException {
    try {
      executor.submit(() -> { }).get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void ringThenAcceptThenOfferAnswerConnects() throws Exception {
    start().call("bob");
    signaling.expect("call bob");
    events.await(CallEvent.Ringing.class);
    controller.onSignal(new Signal.Accept("bob"));
    assertEquals("bob", events.await(CallEvent.Answered.class).peer());
    Fakes.Link l = link("bob");
    assertTrue(l.offerer);
    assertEquals("createOffer", l.next());
    onExecutor(() -> l.listener.localDescription(OFFER));
    signaling.expect("offer bob");
    controller.onSignal(new Signal.Answer("bob", ANSWER));
    assertEquals("acceptAnswer", l.next());
    onExecutor(l.listener::connected);
    assertEquals("bob", events.await(CallEvent.CallConnected.class).peer());
  }

  @Test
  void offerAndCandidatesPreparedWhileRingingAreHeldUntilThePeerAccepts() throws Exception {
    start().call("bob");
    signaling.expect("call bob");
    Fakes.Link l = link("bob");
    assertTrue(l.offerer);
    assertEquals("createOffer", l.next());
    onExecutor(() -> l.listener.localDescription(OFFER));
    onExecutor(() -> l.listener.localCandidate(new IceCandidate("candidate:1", "0", 0)));
    signaling.expectNothing();
    controller.onSignal(new Signal.Accept("bob"));
    signaling.expect("offer bob", "candidate bob");
    onExecutor(() -> l.listener.localCandidate(new IceCandidate("candidate:2", "0", 0)));
    signaling.expect("candidate bob");
  }

  @Test
  void aDeclinedRingClosesTheLinkPreparedForItWithoutSendingTheOffer() throws Exception {
    start().call("bob");
    signaling.expect("call bob");
    Fakes.Link l = link("bob");
    assertEquals("createOffer", l.next());
    onExecutor(() -> l.listener.localDescription(OFFER));
    controller.onSignal(new Signal.Reject("bob", "declined"));
    assertEquals("declined", events.await(CallEvent.CallEnded.class).reason());
    assertEquals("close", l.next());
    signaling.expectNothing();
  }

  @Test
  void theirOfferDuringOurRingReplacesThePreparedLinkWithAnAnsweringOne() throws Exception {
    start().call("bob");
    signaling.expect("call bob");
    Fakes.Link prepared = link("bob");
    assertEquals("createOffer", prepared.next());
    onExecutor(() -> prepared.listener.localDescription(OFFER));
    controller.onSignal(new Signal.Offer("bob", OFFER));
    assertEquals("close", prepared.next());
    executor.submit(() -> { }).get(); // the answering link is opened on the executor
    Fakes.Link answering = media.links.get("bob");
    assertTrue(answering != prepared, "a new link answers");
    assertFalse(answering.offerer);
    assertEquals("acceptOffer", answering.next());
    signaling.expectNothing();
  }

  @Test
  void statsOfALiveCallAreReportedAndThoseOfAnEndedCallAreDropped() throws Exception {
    CallStats reading = new CallStats("host", "srflx", "udp", "", 12, 400, 380, 30, 29, 0.01);
    start().callDirect("bob");
    Fakes.Link l = link("bob");
    onExecutor(() -> l.listener.stats(reading));
    CallEvent.Stats e = events.await(CallEvent.Stats.class);
    assertEquals("bob", e.peer());
    assertEquals(reading, e.stats());
    controller.hangup("bob");
    events.await(CallEvent.CallEnded.class);
    onExecutor(() -> l.listener.stats(reading));
    events.assertNone(CallEvent.Stats.class, x -> true, Duration.ofMillis(200));
  }

  @Test
  void offerWithoutRingIsAnsweredAndEarlyCandidatesReachTheLinkInOrder() throws Exception {
    start();
    controller.onSignal(new Signal.Offer("page", OFFER));
    controller.onSignal(new Signal.Candidate("page", new IceCandidate("candidate:1", "0", 0)));
    controller.onSignal(new Signal.Candidate("page", new IceCandidate("", "0", 0)));
    controller.onSignal(new Signal.Candidate("page", null));
    events.await(CallEvent.IncomingCall.class);
    Fakes.Link l = link("page");
    assertFalse(l.offerer);
    assertEquals("acceptOffer", l.next());
    assertEquals("candidate candidate:1", l.next());
    onExecutorSync();
    assertTrue(l.calls.isEmpty(), "end-of-candidates markers are not passed on: " + l.calls);
    onExecutor(() -> l.listener.localDescription(ANSWER));
    signaling.expect("answer page");
  }

  @Test
  void withoutAutoAnswerAnOfferWaitsForAccept() throws Exception {
    start(CallOptions.defaults());
    controller.onSignal(new Signal.Offer("page", OFFER));
    events.await(CallEvent.IncomingCall.class);
    onExecutorSync();
    assertTrue(media.links.isEmpty());
    controller.accept("page");
    assertEquals("acceptOffer", link("page").next());
  }

  @Test
  void declinedRingIsRejected() throws Exception {
    start(CallOptions.defaults());
    controller.onSignal(new Signal.Ring("bob"));
    events.await(CallEvent.IncomingCall.class);
    controller.reject("bob");
    signaling.expect("reject bob declined");
    assertEquals("declined", events.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void secondCallerIsRejectedAsBusyUnlessMultiCall() throws Exception {
    start();
    controller.onSignal(new Signal.Ring("a"));
    signaling.expect("accept a");
    controller.onSignal(new Signal.Ring("b"));
    signaling.expect("reject b busy");
    controller.onSignal(new Signal.Offer("c", OFFER));
    signaling.expect("reject c busy");

    controller.shutdown().get();
    signaling.sent.clear();
    start(CallOptions.defaults().withAutoAnswer(true).withMultiCall(true));
    controller.onSignal(new Signal.Ring("x"));
    signaling.expect("accept x");
    controller.onSignal(new Signal.Ring("y"));
    signaling.expect("accept y");
  }

  @Test
  void multiCallSwitchedOnWhileInACallAcceptsTheNextCallerAndOffAgainRejectsBusy() throws Exception {
    start();
    controller.onSignal(new Signal.Ring("a"));
    signaling.expect("accept a");
    controller.setMultiCall(true);
    controller.onSignal(new Signal.Ring("b"));
    signaling.expect("accept b");
    controller.setMultiCall(false);
    controller.onSignal(new Signal.Ring("c"));
    signaling.expect("reject c busy");
  }

  @Test
  void rejectedCallEndsWithTheReason() throws Exception {
    start().call("bob");
    signaling.expect("call bob");
    controller.onSignal(new Signal.Reject("bob", "busy"));
    assertEquals("busy", events.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void chatIsQueuedUntilTheChannelOpensThenDeliveredInOrder() throws Exception {
    start().callDirect("bob");
    Fakes.Link l = link("bob");
    controller.sendChat("bob", "one");
    controller.sendChat("bob", "two");
    onExecutorSync();
    assertTrue(l.chatSent.isEmpty());
    l.chatOpen = true;
    onExecutor(l.listener::chatOpen);
    assertEquals("one", events.await(CallEvent.ChatSent.class).text());
    assertEquals("two", events.await(CallEvent.ChatSent.class).text());
    assertEquals(List.of("one", "two"), l.chatSent);
  }

  @Test
  void queuedChatIsReportedUndeliveredWhenTheCallEnds() throws Exception {
    start().callDirect("bob");
    link("bob");
    controller.sendChat("bob", "lost?");
    controller.onSignal(new Signal.Leave("bob"));
    assertEquals("lost?", events.await(CallEvent.ChatUndelivered.class).text());
    assertEquals("remote-hangup", events.await(CallEvent.CallEnded.class).reason());
    assertTrue(media.links.get("bob").closed);
  }

  @Test
  void leaveForAConnectedCallWaitsOutTheGraceAndIsIgnoredIfSignalingDrops() throws Exception {
    start(CallOptions.defaults().withAutoAnswer(true).withLeaveGrace(Duration.ofMillis(300))).callDirect("bob");
    Fakes.Link l = link("bob");
    onExecutor(l.listener::connected);
    events.await(CallEvent.CallConnected.class);
    controller.onSignal(new Signal.Leave("bob"));
    controller.signalingDown(); // the leave came from a server going down
    events.await(CallEvent.SignalingLost.class);
    events.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofMillis(600));

    controller.onSignal(new Signal.LoggedIn("me", List.of(), List.of()));
    controller.onSignal(new Signal.Leave("bob"));
    assertEquals("remote-hangup", events.await(CallEvent.CallEnded.class, Duration.ofSeconds(2)).reason());
  }

  @Test
  void byeOnTheDataChannelEndsTheCallAtOnce() throws Exception {
    start().callDirect("bob");
    Fakes.Link l = link("bob");
    onExecutor(l.listener::connected);
    onExecutor(() -> l.listener.controlReceived("{\"peerphone\":\"bye\"}"));
    assertEquals("remote-hangup", events.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void hangupSendsByeAndLeave() throws Exception {
    start().callDirect("bob");
    Fakes.Link l = link("bob");
    l.chatOpen = true;
    onExecutor(l.listener::chatOpen);
    events.await(CallEvent.ChatOpen.class);
    controller.hangup("bob");
    assertEquals("hangup", events.await(CallEvent.CallEnded.class).reason());
    assertTrue(l.calls.contains("control {\"peerphone\":\"bye\"}"), l.calls.toString());
    assertTrue(signaling.sent.contains("leave bob"), signaling.sent.toString());
  }

  @Test
  void pauseIsAppliedAndAnnouncedAndRemotePauseIsReported() throws Exception {
    start().callDirect("bob");
    Fakes.Link l = link("bob");
    l.chatOpen = true;
    onExecutor(l.listener::chatOpen);
    events.await(CallEvent.ChatOpen.class);
    controller.setPaused("video", true);
    onExecutorSync();
    assertFalse(media.isEnabled("video"));
    assertTrue(l.calls.contains("control {\"peerphone\":\"track\",\"kind\":\"video\",\"paused\":true}"), l.calls.toString());

    onExecutor(() -> l.listener.controlReceived("{\"peerphone\":\"track\",\"kind\":\"audio\",\"paused\":true}"));
    CallEvent.RemoteTrackPaused p = events.await(CallEvent.RemoteTrackPaused.class);
    assertEquals("audio", p.kind());
    onExecutor(() -> l.listener.controlReceived("{\"peerphone\":\"nonsense\"}"));
    assertEquals("invalid-message", events.await(CallEvent.Error.class).code());
  }

  @Test
  void linkFailureIsATypedErrorAndEndsTheCall() throws Exception {
    start().callDirect("bob");
    Fakes.Link l = link("bob");
    onExecutor(() -> l.listener.failed("invalid-sdp", "bad"));
    assertEquals("invalid-sdp", events.await(CallEvent.Error.class).code());
    assertEquals("failed", events.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void rouletteInitiatorOffersAndAPartnerLeavingQueuesAgain() throws Exception {
    start().find();
    signaling.expect("find");
    assertEquals("Waiting for a free peer", events.await(CallEvent.RouletteStatus.class).status());
    controller.onSignal(new Signal.Match("stranger", true));
    Fakes.Link l = link("stranger");
    assertEquals("createOffer", l.next());
    onExecutor(l.listener::connected);
    assertEquals("Connected to a peer", events.await(CallEvent.RouletteStatus.class).status());
    controller.onSignal(new Signal.Leave("stranger"));
    events.await(CallEvent.CallEnded.class, Duration.ofSeconds(3));
    signaling.expect("find");
    assertEquals("Waiting for a free peer", events.await(CallEvent.RouletteStatus.class).status());
  }

  @Test
  void rouletteNextHangsUpWithoutLeaveAndNonInitiatorWaitsForTheOffer() throws Exception {
    start().find();
    signaling.expect("find");
    controller.onSignal(new Signal.Match("s1", false));
    onExecutorSync();
    assertTrue(media.links.isEmpty(), "the initiator offers");
    controller.onSignal(new Signal.Offer("s1", OFFER));
    assertEquals("acceptOffer", link("s1").next());
    controller.next();
    assertEquals("next", events.await(CallEvent.CallEnded.class).reason());
    onExecutorSync();
    assertTrue(signaling.sent.contains("next"), signaling.sent.toString());
    assertFalse(signaling.sent.contains("leave s1"), "the server tells the partner");
  }

  @Test
  void waitingInRouletteIsResumedAfterReLogin() throws Exception {
    start().find();
    signaling.expect("find");
    controller.signalingDown();
    controller.onSignal(new Signal.LoggedIn("me", List.of(), List.of()));
    signaling.expect("find");
  }

  @Test
  void serverErrorIsReportedAndUnknownUserEndsTheCall() throws Exception {
    start().call("ghost");
    signaling.expect("call ghost");
    controller.onSignal(new Signal.Error("unknown-user", "not online", "ghost"));
    assertEquals("unknown-user", events.await(CallEvent.Error.class).code());
    assertEquals("unknown-user", events.await(CallEvent.CallEnded.class).reason());
  }

  @Test
  void stoppingRouletteEndsThePartnerCallWithoutQueueingAgain() throws Exception {
    start().find();
    signaling.expect("find");
    controller.onSignal(new Signal.Match("s1", true));
    link("s1");
    controller.stopRoulette();
    assertEquals("hangup", events.await(CallEvent.CallEnded.class).reason());
    assertEquals("", events.await(CallEvent.RouletteStatus.class, e -> !e.status().startsWith("Connected"), Duration.ofSeconds(2)).status());
    signaling.expect("stop");
    signaling.expectNothing();
  }

  @Test
  void callingSomeoneWhoIsRingingUsPicksUp() throws Exception {
    start(CallOptions.defaults());
    controller.onSignal(new Signal.Ring("bob"));
    events.await(CallEvent.IncomingCall.class);
    controller.call("bob");
    signaling.expect("accept bob");
  }
}
