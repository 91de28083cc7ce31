package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.rtc.VideoQuality;
import org.junit.jupiter.api.Test;

class DesktopOptionsTest {
  @Test
  void videoQualityIsReadAsWidthHeightAtFpsAndLeftUnsetByDefault() {
    assertEquals(new VideoQuality(1280, 720, 15), DesktopOptions.parse(new String[] {"--video", "1280x720@15"}).video());
    assertNull(DesktopOptions.parse(new String[0]).video());
    assertTrue(DesktopOptions.USAGE.contains("--video WxH@FPS"));
  }

  @Test
  void aBadVideoQualityIsRefusedNamingTheOptionAndTheExpectedFormat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DesktopOptions.parse(new String[] {"--video", "12x@x"}));
    assertTrue(e.getMessage().startsWith("--video: ") && e.getMessage().contains("WIDTHxHEIGHT@FPS"), e.getMessage());
  }
}
