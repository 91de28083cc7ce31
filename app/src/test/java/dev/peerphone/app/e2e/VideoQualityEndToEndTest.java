package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.rtc.VideoQuality;
import dev.peerphone.app.testing.FrameLog;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chosen video size and rate, measured where it matters: in the frames the other peer
 * decodes. Two in-process peers, the real server, real PeerConnections.
 */
class VideoQualityEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(15);
  private final TestServer server = new TestServer();
  private final Peers peers = new Peers(server);
  private final Recorder alice = new Recorder("alice");
  private final Recorder bob = new Recorder("bob");
  private final FrameLog fromAlice = new FrameLog("alice");

  @AfterEach
  void tearDown() {
    peers.close();
    server.close();
  }

  @Test
  void theRemotePeerReceivesTheChosenSizeAndRateAndAMidCallChangeWithoutANewOffer() {
    MediaConfig small = new MediaConfig(RtcEngine.TEST_PATTERN_640, true, null, null, VideoQuality.parse("320x240@15"));
    PeerClient a = peers.start("alice", alice, CallOptions.defaults().withAutoAnswer(true), small);
    PeerClient b = peers.start("bob", bob);
    b.media().setFrameTap(fromAlice);
    assertEquals(new VideoQuality(320, 240, 15), a.media().videoQuality());
    a.calls().call("bob");
    bob.await(CallEvent.FirstVideoFrame.class, CONNECT);
    fromAlice.await(f -> true, CONNECT);
    FrameLog.Window before = fromAlice.measure(Duration.ofSeconds(2));
    System.out.println("320x240@15 received: " + before);
    assertEquals(java.util.List.of("320x240"), before.sizes(), before.toString());
    assertTrue(before.fps() >= 8 && before.fps() <= 20, "about 15 fps: " + before);

    long t0 = System.nanoTime();
    a.media().setVideoQuality(VideoQuality.P720_30);
    assertEquals(VideoQuality.P720_30, a.media().videoQuality());
    // The encoder may start the new size scaled down (bandwidth estimate, CPU): the shape is 16:9
    // at once, the full size within a few seconds.
    FrameLog.Frame wide = fromAlice.await(f -> Math.abs(f.aspect() - 16.0 / 9) < 0.03, Duration.ofSeconds(10));
    long wideMs = (System.nanoTime() - t0) / 1_000_000;
    fromAlice.await(f -> f.width() == 1280 && f.height() == 720, Duration.ofSeconds(15));
    long fullMs = (System.nanoTime() - t0) / 1_000_000;
    FrameLog.Window after = fromAlice.measure(Duration.ofSeconds(2));
    System.out.println("after switch: first 16:9 frame " + wide + " at " + wideMs + " ms, 1280x720 at " + fullMs
        + " ms; then " + after);
    assertTrue(after.frames().stream().allMatch(f -> Math.abs(f.aspect() - 16.0 / 9) < 0.03), after.toString());
    assertEquals("1280x720", after.largest().toString(), after.toString());
    assertTrue(after.fps() >= 8, "frames keep coming: " + after);
    // Same call all along: replaceTrack, no renegotiation that would look like a new call.
    bob.assertNone(CallEvent.IncomingCall.class, e -> true, Duration.ofMillis(200));
  }
}
