package dev.peerphone.app.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which camera mode is asked for. Only the pure choice: there is no camera on the development
 * and CI machines, so the capture itself cannot be tested here.
 */
class CameraSourceTest {
  private static final List<VideoQuality> WEBCAM = List.of(
      q(640, 480, 30), q(160, 120, 30), q(1280, 720, 10), q(1280, 720, 30), q(320, 240, 30), q(1920, 1080, 5),
      q(800, 600, 20));

  private static VideoQuality q(int w, int h, int fps) {
    return new VideoQuality(w, h, fps);
  }

  @Test
  void anOfferedModeOfExactlyTheWantedSizeAndRateIsTakenAsIs() {
    assertEquals(q(1280, 720, 30), CameraSource.choose(WEBCAM, q(1280, 720, 30)));
    assertEquals(q(320, 240, 30), CameraSource.choose(WEBCAM, q(320, 240, 30)));
  }

  @Test
  void theWantedSizeAtAFasterModeRunsAtTheWantedRate() {
    assertEquals(q(1280, 720, 15), CameraSource.choose(WEBCAM, q(1280, 720, 15)));
    assertEquals(q(640, 480, 15), CameraSource.choose(WEBCAM, q(640, 480, 15)));
  }

  @Test
  void withoutAnExactModeTheSmallestModeCoveringSizeAndRateWins() {
    assertEquals(q(640, 480, 30), CameraSource.choose(WEBCAM, q(640, 360, 30)), "360p from 480p");
    assertEquals(q(800, 600, 15), CameraSource.choose(WEBCAM, q(700, 500, 15)));
    assertEquals(q(1280, 720, 25), CameraSource.choose(WEBCAM, q(800, 600, 25)), "600p lacks the rate");
  }

  @Test
  void whenNothingCoversTheRequestTheLargestModeIsUsedAtTheRateItOffers() {
    assertEquals(q(1920, 1080, 5), CameraSource.choose(WEBCAM, q(1920, 1080, 30)));
    assertEquals(q(1920, 1080, 5), CameraSource.choose(WEBCAM, q(3840, 2160, 30)));
    List<VideoQuality> vga = List.of(q(640, 480, 30), q(320, 240, 30));
    assertEquals(q(640, 480, 30), CameraSource.choose(vga, q(1280, 720, 60)));
    assertEquals(q(640, 480, 15), CameraSource.choose(vga, q(1280, 720, 15)));
  }

  @Test
  void aCameraThatListsNoModesIsAskedForTheRequestItself() {
    assertEquals(q(1280, 720, 30), CameraSource.choose(List.of(), q(1280, 720, 30)));
  }

  @Test
  void theDefaultRequestIsVgaAtThirtyFps() {
    assertEquals(q(640, 480, 30), CameraSource.DEFAULT);
    assertEquals(q(640, 480, 30), CameraSource.choose(WEBCAM, CameraSource.DEFAULT));
  }
}
