package dev.peerphone.app.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.Recorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md, ICE, on the client: fresh TURN credentials before a call once the held ones are past
 * half their lifetime, the relay policy (server's or the user's), and relay-only without TURN.
 */
class IceRefreshTest {
  private static final SessionDescription OFFER = new SessionDescription("offer", "v=0");
  private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final Fakes.Signaling signaling = new Fakes.Signaling();
  private final Fakes.Media media = new Fakes.Media();
  private final Recorder events = new Recorder("me");
  private final MutableClock clock = new MutableClock(T0);
  private CallController controller;

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
  }

  private static List<IceServer> servers(Instant expiry) {
    return List.of(new IceServer(List.of("stun:s.example.org"), null, null),
        new IceServer(List.of("turn:t.example.org"), expiry.getEpochSecond() + ":me", "pw-" + expiry.getEpochSecond()));
  }

  private void start(CallOptions options, Signal.LoggedIn login) {
    controller = new CallController(executor, signaling, media, options, events, clock);
    controller.onSignal(login);
    events.await(CallEvent.LoggedIn.class);
  }

  private void startWithTurn(Duration lifetime) {
    start(CallOptions.defaults().withAutoAnswer(true).withMultiCall(true),
        new Signal.LoggedIn("me", List.of(), servers(T0.plus(lifetime)), false));
  }

  @Test
  void freshCredentialsOpenTheLinkAtOnceWithoutAskingTheServer() throws Exception {
    startWithTurn(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(4)); // before half-life
    controller.callDirect("bob");
    IceConfig used = linkConfig("bob");
    assertEquals("pw-" + T0.plus(Duration.ofMinutes(10)).getEpochSecond(), used.servers().get(1).credential());
    assertFalse(used.relayOnly());
    signaling.expectNothing();
  }

  @Test
  void staleCredentialsAreRefreshedBeforeAnOfferAndTheFreshOnesUsed() throws Exception {
    startWithTurn(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(5)); // exactly half-way
    controller.callDirect("bob");
    signaling.expect("ice");
    sync();
    assertNull(media.links.get("bob"), "the link waits for the fresh credentials");
    Instant freshExpiry = clock.instant().plus(Duration.ofMinutes(10));
    controller.onSignal(new Signal.Ice(servers(freshExpiry), false));
    IceConfig used = linkConfig("bob");
    assertEquals("pw-" + freshExpiry.getEpochSecond(), used.servers().get(1).credential());
    assertEquals("createOffer", media.links.get("bob").next());
    // Fresh again: the next call asks nothing.
    controller.callDirect("carol");
    linkConfig("carol");
    signaling.expectNothing();
  }

  @Test
  void ringingAsksForFreshCredentialsSoTheAnswerFindsThem() throws Exception {
    startWithTurn(Duration.ofSeconds(4));
    clock.advance(Duration.ofSeconds(5)); // expired
    controller.call("bob");
    signaling.expect("ice", "call bob");
    controller.onSignal(new Signal.Ice(servers(clock.instant().plusSeconds(4)), false));
    controller.onSignal(new Signal.Accept("bob"));
    assertEquals("pw-" + clock.instant().plusSeconds(4).getEpochSecond(),
        linkConfig("bob").servers().get(1).credential());
    signaling.expectNothing();
  }

  @Test
  void anOfferAnsweredWithStaleCredentialsWaitsForFreshOnesAndKeepsEarlyCandidates() throws Exception {
    startWithTurn(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    controller.onSignal(new Signal.Offer("bob", OFFER));
    controller.onSignal(new Signal.Candidate("bob", new IceCandidate("candidate:1", "0", 0)));
    signaling.expect("ice");
    sync();
    assertNull(media.links.get("bob"));
    controller.onSignal(new Signal.Ice(servers(clock.instant().plusSeconds(120)), false));
    Fakes.Link l = link("bob");
    assertEquals("acceptOffer", l.next());
    assertEquals("candidate candidate:1", l.next());
  }

  @Test
  void anOlderServerThatDoesNotKnowIceLetsTheCallGoOnAtOnceAndIsNotAskedAgain() throws Exception {
    startWithTurn(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(3));
    controller.callDirect("bob");
    signaling.expect("ice");
    controller.onSignal(new Signal.Error("unknown-type", "Command not found: ice", null));
    assertEquals("createOffer", link("bob", Duration.ofMillis(1500)).next());
    events.assertNone(CallEvent.Error.class, e -> true, Duration.ofMillis(200));
    controller.callDirect("carol");
    linkConfig("carol");
    signaling.expectNothing();
  }

  @Test
  void withoutAnIceReplyTheCallGoesOnWithTheCredentialsHeld() throws Exception {
    startWithTurn(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(3));
    controller.callDirect("bob");
    signaling.expect("ice");
    long start = System.nanoTime();
    Fakes.Link l = link("bob", Duration.ofSeconds(6));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(2)) > 0,
        "waited for the reply first");
    assertEquals("createOffer", l.next());
  }

  @Test
  void theServersRelayPolicyReachesEveryLinkAndTheListener() throws Exception {
    start(CallOptions.defaults(), new Signal.LoggedIn("me", List.of(), servers(T0.plusSeconds(600)), true));
    CallEvent.RelayPolicy policy = events.await(CallEvent.RelayPolicy.class);
    assertTrue(policy.relayOnly());
    assertEquals(List.of("stun:s.example.org", "turn:t.example.org"), policy.iceUrls(), "URLs only, no credentials");
    controller.callDirect("bob");
    assertTrue(linkConfig("bob").relayOnly());
    controller.onSignal(new Signal.Ice(servers(T0.plusSeconds(600)), false));
    assertFalse(events.await(CallEvent.RelayPolicy.class).relayOnly(), "an ice reply may change it");
  }

  @Test
  void theUsersRelayOnlyChoiceHoldsWhateverTheServerSays() throws Exception {
    start(CallOptions.defaults().withRelayOnly(true),
        new Signal.LoggedIn("me", List.of(), servers(T0.plusSeconds(600)), false));
    controller.callDirect("bob");
    assertTrue(linkConfig("bob").relayOnly());
  }

  @Test
  void relayOnlyWithoutTurnSaysSoAtLoginAndPlacesNoCall() throws Exception {
    controller = new CallController(executor, signaling, media, CallOptions.defaults().withRelayOnly(true),
        events, clock);
    controller.onSignal(new Signal.LoggedIn("me", List.of(),
        List.of(new IceServer(List.of("stun:s.example.org"), null, null)), false));
    events.await(CallEvent.LoggedIn.class);
    CallEvent.Error notice = events.await(CallEvent.Error.class);
    assertEquals("relay-unavailable", notice.code());
    assertTrue(notice.message().contains("no TURN server"), notice.message());
    controller.call("bob");
    assertEquals("relay-unavailable", events.await(CallEvent.CallEnded.class).reason(), "a UI showing 'calling' stops");
    assertEquals("relay-unavailable", events.await(CallEvent.Error.class).code());
    controller.find();
    assertEquals("relay-unavailable", events.await(CallEvent.Error.class).code());
    signaling.expectNothing();
    assertTrue(media.links.isEmpty());
  }

  @Test
  void anIncomingCallUnderTheServersRelayPolicyWithoutTurnEndsWithAReason() throws Exception {
    start(CallOptions.defaults().withAutoAnswer(true), new Signal.LoggedIn("me", List.of(), List.of(), true));
    assertEquals("relay-unavailable", events.await(CallEvent.Error.class).code());
    controller.onSignal(new Signal.Offer("bob", OFFER));
    CallEvent.CallEnded ended = events.await(CallEvent.CallEnded.class);
    assertEquals("relay-unavailable", ended.reason());
    assertEquals("relay-unavailable", events.await(CallEvent.Error.class).code(), "the message comes last");
    signaling.expect("leave bob");
    assertTrue(media.links.isEmpty());
  }

  private IceConfig linkConfig(String peer) throws Exception {
    link(peer);
    return media.ice.get(peer);
  }

  private Fakes.Link link(String peer) throws Exception {
    return link(peer, Duration.ofSeconds(2));
  }

  private Fakes.Link link(String peer, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!media.links.containsKey(peer)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no link to " + peer + " within " + timeout.toMillis() + " ms");
      }
      sync();
      Thread.onSpinWait();
    }
    return media.links.get(peer);
  }

  private void sync() throws InterruptedException {
    try {
      executor.submit(() -> { }).get();
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
