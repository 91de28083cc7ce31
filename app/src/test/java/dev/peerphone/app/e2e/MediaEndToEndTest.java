package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.rtc.RtcEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pause/resume and camera switching mid-call, observed as frames at the other side. */
class MediaEndToEndTest extends ConnectedCall {
  @Test
  void pausedVideoStopsRemoteFramesAndResumeStartsThemAgain() {
    a.calls().setPaused("video", true);
    CallEvent.RemoteTrackPaused paused = bob.await(CallEvent.RemoteTrackPaused.class, Duration.ofSeconds(5));
    assertEquals("video", paused.kind());
    assertTrue(paused.paused());
    // Frames already in flight may still land in the next tick; after that, nothing.
    bob.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofMillis(2500));
    bob.assertNone(CallEvent.RemoteVideo.class, e -> true, Duration.ofMillis(2500));

    a.calls().setPaused("video", false);
    assertTrue(!bob.await(CallEvent.RemoteTrackPaused.class, Duration.ofSeconds(5)).paused());
    CallEvent.RemoteVideo first = bob.await(CallEvent.RemoteVideo.class, Duration.ofSeconds(5));
    // Frames flow again (the rate after a pause depends on the load: keyframe request, adaptation).
    bob.await(CallEvent.RemoteVideo.class, e -> e.frames() >= first.frames() + 10, Duration.ofSeconds(10));
  }

  @Test
  void switchingTheCameraChangesTheRemoteResolutionWithoutANewOffer() {
    a.media().selectCamera(RtcEngine.TEST_PATTERN_320);
    CallEvent.RemoteVideo small = bob.await(CallEvent.RemoteVideo.class, e -> e.width() == 320, Duration.ofSeconds(10));
    assertEquals(240, small.height());
    a.media().selectCamera(RtcEngine.TEST_PATTERN_640);
    bob.await(CallEvent.RemoteVideo.class, e -> e.width() == 640, Duration.ofSeconds(10));
    assertEquals(RtcEngine.TEST_PATTERN_640, a.media().currentCamera());
    // Same call all along: no second incoming call (which a renegotiation from scratch would be).
    bob.assertNone(CallEvent.IncomingCall.class, e -> true, Duration.ofMillis(200));
  }

  @Test
  void cameraInUseDisappearingFallsBackToAnotherSource() {
    a.media().cameraRemoved(RtcEngine.TEST_PATTERN_640);
    assertEquals(RtcEngine.TEST_PATTERN_320, a.media().currentCamera());
    bob.await(CallEvent.RemoteVideo.class, e -> e.width() == 320, Duration.ofSeconds(10));
  }

  @Test
  void pausedAudioIsAnnouncedToThePeer() {
    a.calls().setPaused("audio", true);
    CallEvent.RemoteTrackPaused p = bob.await(CallEvent.RemoteTrackPaused.class, Duration.ofSeconds(5));
    assertEquals("audio", p.kind());
    assertTrue(p.paused());
  }
}
