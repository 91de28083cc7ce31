package dev.peerphone.app.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.Coturn;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import dev.peerphone.app.testing.TurnRest;
import dev.peerphone.signaling.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Relay-only calls between two Java peers through a real coturn started from
 * {@code deploy/turnserver.conf}: video decoded both ways, the selected candidate pair is relay at
 * both ends of both peers ({@link CallEvent.Stats}), and coturn's own log shows an allocation and
 * relayed bytes for both users.
 */
class RelayEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(30);
  /** Far more than signaling or STUN checks: 30 decoded frames each way are tens of kilobytes. */
  private static final long MEDIA_BYTES = 50_000;
  private static final String SECRET = UUID.randomUUID().toString();
  private static Coturn coturn;
  private TestServer server;
  /** coturn's log before this test: its allocations and byte counts are what came after. */
  private int mark;
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
    mark = coturn.mark();
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
    assertRelayPair(alice, "relay");
    assertRelayPair(bob, "relay");
    assertTrue(coturn.allocatedFor("alice", mark), "alice allocated a relay: " + coturn.tail());
    assertTrue(coturn.allocatedFor("bob", mark), "bob allocated a relay: " + coturn.tail());
    hangUpAndCheckRelayed(a, "bob");
  }

  @Test
  void strangersMatchedByRouletteOnARelayOnlyServerSeeOnlyRelayAddresses() {
    serve(coturn.configure(ServerConfig.defaults(), Duration.ofMinutes(10)).withRelayOnly(true));
    PeerClient a = peers.start("alice", alice);
    PeerClient b = peers.start("bob", bob);
    a.calls().find();
    b.calls().find();
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    assertRelayPair(alice, "relay");
    assertRelayPair(bob, "relay");
    a.calls().stopRoulette();
    b.calls().stopRoulette();
    alice.await(CallEvent.CallEnded.class, CONNECT);
    bob.await(CallEvent.CallEnded.class, CONNECT);
    long relayed = coturn.awaitRelayedBytes("alice", mark, MEDIA_BYTES, CONNECT);
    System.out.printf("coturn relayed %d bytes for alice (roulette)%n", relayed);
  }

  @Test
  void theUsersOwnRelayOnlyChoiceRelaysTheirMediaWhenTheServerAllowsDirect() {
    serve(coturn.configure(ServerConfig.defaults(), Duration.ofMinutes(10)));
    PeerClient a = peers.start("alice", alice, CallOptions.defaults().withAutoAnswer(true).withRelayOnly(true),
        MediaConfig.synthetic());
    peers.start("bob", bob);
    a.calls().call("bob");
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    assertRelayPair(alice, null); // bob did not hide his address: alice's relay reaches bob's own
    a.calls().hangup("bob");
    alice.await(CallEvent.CallEnded.class, CONNECT);
    long relayed = coturn.awaitRelayedBytes("alice", mark, MEDIA_BYTES, CONNECT);
    System.out.printf("coturn relayed %d bytes for alice (relay-only by choice)%n", relayed);
  }

  @Test
  void expiredCredentialsAreRefusedByCoturnAndFreshOnesGranted() {
    long now = System.currentTimeMillis() / 1000;
    String expired = (now - 1) + ":mallory";
    assertFalse(coturn.allocate(expired, TurnRest.password(SECRET, expired)), "expired: 401");
    String fresh = (now + 600) + ":mallory";
    assertTrue(coturn.allocate(fresh, TurnRest.password(SECRET, fresh)), "fresh: allocated");
    String forged = (now + 600) + ":eve";
    assertFalse(coturn.allocate(forged, TurnRest.password("not-the-secret", forged)), "wrong secret: 401");
  }

  @Test
  void aClientSignedInLongerThanTheCredentialLifetimeFetchesFreshOnesAndStillRelays() throws Exception {
    serve(coturn.configure(ServerConfig.defaults(), Duration.ofSeconds(4)).withRelayOnly(true));
    PeerClient a = peers.start("alice", alice);
    peers.start("bob", bob);
    long loginExpiry = System.currentTimeMillis() / 1000 + 4;
    // Let the credentials from the login expire: coturn would now refuse them (test above).
    TimeUnit.MILLISECONDS.sleep(Math.max(0, (loginExpiry + 1) * 1000 - System.currentTimeMillis()));
    assertEquals(0, iceRequests(), "nobody asked before a call");
    a.calls().call("bob");
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    alice.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, CONNECT);
    assertEquals(2, iceRequests(), "the caller and the callee each fetched fresh credentials");
    assertRelayPair(alice, "relay");
    assertRelayPair(bob, "relay");
    hangUpAndCheckRelayed(a, "bob");
  }

  /**
   * The peer's call-stats name a selected pair whose local end is relay and remote end
   * {@code remote} (null: anything but relay).
   */
  private static void assertRelayPair(Recorder peer, String remote) {
    CallEvent.Stats s = peer.await(CallEvent.Stats.class, e -> e.stats().local() != null
        && !e.stats().local().isEmpty(), CONNECT);
    assertEquals("relay", s.stats().local(), "local end of the selected pair: " + s);
    if (remote == null) {
      assertFalse(s.stats().remote().equals("relay"), "remote end of the selected pair: " + s);
    } else {
      assertEquals(remote, s.stats().remote(), "remote end of the selected pair: " + s);
    }
  }

  private long iceRequests() throws Exception {
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^peerphone_ice_requests_total (\\d+)$").matcher(metrics);
    assertTrue(m.find(), metrics);
    return Long.parseLong(m.group(1));
  }

  /** Ends the call so coturn closes the allocations and logs what each relayed. */
  private void hangUpAndCheckRelayed(PeerClient caller, String callee) {
    caller.calls().hangup(callee);
    alice.await(CallEvent.CallEnded.class, CONNECT);
    bob.await(CallEvent.CallEnded.class, CONNECT);
    long a = coturn.awaitRelayedBytes("alice", mark, MEDIA_BYTES, CONNECT);
    long b = coturn.awaitRelayedBytes("bob", mark, MEDIA_BYTES, CONNECT);
    System.out.printf("coturn relayed %d bytes for alice, %d for bob%n", a, b);
  }
}
