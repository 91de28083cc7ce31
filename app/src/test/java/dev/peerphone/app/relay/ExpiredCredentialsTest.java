package dev.peerphone.app.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallStats;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.call.IceServer;
import dev.peerphone.app.call.PeerLink;
import dev.peerphone.app.call.SessionDescription;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.testing.Coturn;
import dev.peerphone.app.testing.TurnRest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Why clients must fetch fresh TURN credentials: two relay-only links whose credentials have
 * expired get 401 from coturn, gather nothing and never connect; the same links with fresh
 * credentials connect through the relay. Real PeerConnections wired directly, no signaling server.
 */
class ExpiredCredentialsTest {
  private static final Duration CONNECT = Duration.ofSeconds(20);
  /** Fresh credentials connect within a second or two here; this is long past that. */
  private static final Duration NEVER = Duration.ofSeconds(8);
  private final String secret = UUID.randomUUID().toString();
  private final Coturn coturn = Coturn.start(secret);
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
  private final RtcEngine a = RtcEngine.create(executor, MediaConfig.synthetic());
  private final RtcEngine b = RtcEngine.create(executor, MediaConfig.synthetic());

  @AfterEach
  void tearDown() throws Exception {
    executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
    a.close();
    b.close();
    executor.shutdown();
    coturn.close();
  }

  private IceConfig relayOnly(String name, long expiry) {
    String username = expiry + ":" + name;
    return new IceConfig(List.of(new IceServer(List.of(coturn.url()), username, TurnRest.password(secret, username))), true);
  }

  @Test
  void relayOnlyLinksWithExpiredCredentialsNeverConnectAndFreshOnesDo() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    Pair expired = connect(relayOnly("old-a", now - 5), relayOnly("old-b", now - 5));
    assertFalse(expired.connected.await(NEVER.toSeconds(), TimeUnit.SECONDS), "expired credentials cannot relay");
    assertEquals(0, expired.candidates.get(), "no relay candidate was gathered");
    assertTrue(coturn.log().contains("user <" + (now - 5) + ":old-a>: incoming packet message processed, error 401"),
        "coturn refused the expired credentials: " + coturn.tail());
    expired.close();

    Pair fresh = connect(relayOnly("new-a", now + 600), relayOnly("new-b", now + 600));
    assertTrue(fresh.connected.await(CONNECT.toSeconds(), TimeUnit.SECONDS), "fresh credentials relay");
    assertTrue(fresh.candidates.get() > 0);
    assertTrue(coturn.allocatedFor("new-a", 0) && coturn.allocatedFor("new-b", 0), coturn.tail());
    fresh.close();
  }

  /** Two links that hand their descriptions and candidates straight to each other. */
  private Pair connect(IceConfig iceA, IceConfig iceB) throws Exception {
    Pair p = new Pair();
    executor.submit(() -> {
      p.b = b.open("a", iceB, false, p.listener(() -> p.a));
      p.a = a.open("b", iceA, true, p.listener(() -> p.b));
      p.a.createOffer();
    }).get(10, TimeUnit.SECONDS);
    return p;
  }

  private final class Pair {
    PeerLink a;
    PeerLink b;
    final CountDownLatch connected = new CountDownLatch(2);
    final AtomicInteger candidates = new AtomicInteger();

    /** Runs on the call executor, as the engine delivers every listener call there. */
    PeerLink.Listener listener(java.util.function.Supplier<PeerLink> other) {
      return new PeerLink.Listener() {
        @Override public void localDescription(SessionDescription d) {
          if (d.type().equals("offer")) {
            other.get().acceptOffer(d);
          } else {
            other.get().acceptAnswer(d);
          }
        }

        @Override public void localCandidate(IceCandidate c) {
          if (c != null && !c.isEndOfCandidates()) {
            candidates.incrementAndGet();
            other.get().addRemoteCandidate(c);
          }
        }

        @Override public void connected() {
          connected.countDown();
        }

        @Override public void chatOpen() { }
        @Override public void chatClosed() { }
        @Override public void chatReceived(String text) { }
        @Override public void controlReceived(String json) { }
        @Override public void firstVideoFrame(int width, int height) { }
        @Override public void stats(CallStats stats) { }
        @Override public void failed(String code, String message) { }
      };
    }

    void close() throws Exception {
      executor.submit(() -> {
        a.close();
        b.close();
      }).get(10, TimeUnit.SECONDS);
    }
  }
}
