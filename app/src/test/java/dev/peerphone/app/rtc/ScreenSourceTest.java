package dev.peerphone.app.rtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The size a screen is sent at: at most 1920x1080, its aspect kept, both sides even. */
class ScreenSourceTest {
  @Test
  void aScreenThatFitsIsSentAsItIs() {
    assertArrayEquals(new int[] {1280, 720}, ScreenSource.fit(1280, 720, 1920, 1080));
    assertArrayEquals(new int[] {1920, 1080}, ScreenSource.fit(1920, 1080, 1920, 1080));
  }

  @Test
  void aLargerScreenIsScaledDownKeepingItsAspect() {
    assertArrayEquals(new int[] {1920, 1080}, ScreenSource.fit(3840, 2160, 1920, 1080));
    assertArrayEquals(new int[] {1728, 1080}, ScreenSource.fit(2560, 1600, 1920, 1080));
    assertArrayEquals(new int[] {1920, 540}, ScreenSource.fit(3840, 1080, 1920, 1080)); // two monitors side by side
  }

  @Test
  void sidesAreEven() {
    assertArrayEquals(new int[] {1918, 1078}, ScreenSource.fit(1919, 1079, 1920, 1080));
    int[] odd = ScreenSource.fit(2561, 1441, 1920, 1080);
    assertArrayEquals(new int[] {odd[0] & ~1, odd[1] & ~1}, odd);
  }
}
