package dev.peerphone.app.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VideoQualityTest {
  @Test
  void parsesWidthHeightAndRate() {
    assertEquals(new VideoQuality(320, 240, 15), VideoQuality.parse("320x240@15"));
    assertEquals(new VideoQuality(1920, 1080, 60), VideoQuality.parse(" 1920x1080@60 "));
    assertEquals(new VideoQuality(16, 16, 1), VideoQuality.parse("16x16@1"));
    assertEquals(new VideoQuality(3840, 2160, 60), VideoQuality.parse("3840x2160@60"));
  }

  @Test
  void malformedTextIsRefusedNamingTheExpectedFormat() {
    for (String bad : new String[] {"12x@x", "", "1280x720", "1280*720@30", "720p", "x@", "-640x480@30", "640x480@30fps"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse(bad), bad);
      assertTrue(e.getMessage().contains("WIDTHxHEIGHT@FPS"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse(null));
  }

  @Test
  void sizesAndRatesOutsideSaneBoundsAreRefusedSayingWhichBound() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("15x240@30"))
        .getMessage().contains("16..3840"));
    assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("3841x240@30"));
    assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("640x2161@30"));
    assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("99999x99999@30"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("640x480@0"))
        .getMessage().contains("1..60 fps"));
    assertThrows(IllegalArgumentException.class, () -> VideoQuality.parse("640x480@61"));
    assertThrows(IllegalArgumentException.class, () -> new VideoQuality(0, 480, 30));
  }

  @Test
  void presetsAreTheThreeDesktopSizesAtFifteenAndThirtyFpsWithShortLabels() {
    assertEquals(List.of("360p 15 fps", "360p 30 fps", "720p 15 fps", "720p 30 fps", "1080p 15 fps", "1080p 30 fps"),
        VideoQuality.PRESETS.stream().map(VideoQuality::label).toList());
    assertEquals(new VideoQuality(1280, 720, 30), VideoQuality.P720_30);
    assertEquals("640x480@30", new VideoQuality(640, 480, 30).label());
    assertEquals("1280x720@25", new VideoQuality(1280, 720, 25).label());
  }

  @Test
  void textRoundTripsThroughParse() {
    for (VideoQuality q : VideoQuality.PRESETS) {
      assertEquals(q, VideoQuality.parse(q.text()));
    }
  }
}
