package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Call statistics from libwebrtc's getStats() in a real Java↔Java call on this machine: both
 * peers gather host candidates on its non-loopback address, so the pair is host/host over udp.
 */
class StatsEndToEndTest extends ConnectedCall {
  @Test
  void statsNameTheHostPairOverUdpWithASmallRoundTripWhileVideoFlows() {
    CallStats s = bob.await(CallEvent.Stats.class, e -> e.stats().fpsIn() > 5, Duration.ofSeconds(10)).stats();
    assertEquals("host", s.local(), s.toString());
    assertEquals("host", s.remote(), s.toString());
    assertEquals("udp", s.protocol(), s.toString());
    assertEquals("", s.relayProtocol());
    assertTrue(s.rttMs() >= 0 && s.rttMs() < 200, "round trip on one machine: " + s);
    assertTrue(s.kbpsIn() > 50 && s.kbpsOut() > 50, "640x480 video both ways: " + s);
    assertTrue(s.fpsOut() > 5, s.toString());
    assertTrue(s.loss() >= 0 && s.loss() < 0.2, s.toString());
    // Alice measures the same call from her side.
    CallStats theirs = alice.await(CallEvent.Stats.class, e -> e.stats().fpsIn() > 5, Duration.ofSeconds(10)).stats();
    assertEquals("host", theirs.local());
  }

  @Test
  void aReadingComesEverySecondOrSo() {
    bob.await(CallEvent.Stats.class, CONNECT);
    long t0 = System.nanoTime();
    for (int i = 0; i < 3; i++) {
      bob.await(CallEvent.Stats.class, Duration.ofSeconds(3));
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms > 2000 && ms < 5000, "three readings took " + ms + " ms");
  }

  @Test
  void pausingTheRemoteVideoDrivesFramesPerSecondInToZeroAndResumingBringsThemBack() {
    bob.await(CallEvent.Stats.class, e -> e.stats().fpsIn() > 5, Duration.ofSeconds(10));
    a.calls().setPaused("video", true);
    // Frames in flight may land in the next reading; then the decoder gets nothing.
    CallStats paused = bob.await(CallEvent.Stats.class, e -> e.stats().fpsIn() == 0, Duration.ofSeconds(6)).stats();
    assertTrue(paused.kbpsIn() < 100, "only audio (silence) arrives: " + paused);
    CallStats alicePaused = alice.await(CallEvent.Stats.class, e -> e.stats().fpsOut() == 0, Duration.ofSeconds(6)).stats();
    assertTrue(alicePaused.fpsIn() > 5, "bob's video still reaches alice: " + alicePaused);

    a.calls().setPaused("video", false);
    bob.await(CallEvent.Stats.class, e -> e.stats().fpsIn() > 5, Duration.ofSeconds(10));
  }

  @Test
  void readingsStopWhenTheCallEnds() {
    bob.await(CallEvent.Stats.class, CONNECT);
    a.calls().hangup("bob");
    bob.await(CallEvent.CallEnded.class, Duration.ofSeconds(5));
    bob.assertNone(CallEvent.Stats.class, e -> true, Duration.ofMillis(2500));
    alice.drain();
    alice.assertNone(CallEvent.Stats.class, e -> true, Duration.ofMillis(1500));
  }
}
