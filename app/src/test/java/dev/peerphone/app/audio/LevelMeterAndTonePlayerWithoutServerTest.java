package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine without an audio server: nothing throws, nothing hangs, and the answer is "no sound".
 * Its own class (so its own JVM): it points this whole process's libpulse at a dead socket.
 */
class LevelMeterAndTonePlayerWithoutServerTest {
  @BeforeAll
  static void pointLibpulseAtNothing() {
    NativeLibrary.getInstance("c").getFunction("setenv")
        .invokeInt(new Object[] {"PULSE_SERVER", "unix:/nonexistent/peerphone-test/native", 1});
  }

  @Test
  void theMeterReportsZeroOnceThenNothing() {
    Levels levels = new Levels();
    long start = System.nanoTime();
    try (LevelMeter meter = LevelMeter.start(null, levels)) {
      long returnedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      Levels.Level zero = levels.next(1, Duration.ofSeconds(3)).get(0);
      System.out.printf("meter: start() returned in %d ms, reported %.1f after %d ms%n", returnedMs, zero.value(),
          TimeUnit.NANOSECONDS.toMillis(zero.nanos() - start));
      assertTrue(returnedMs < 1000, "does not wait for the server");
      assertEquals(0, zero.value());
      levels.assertQuietFor(Duration.ofMillis(300));
      meter.switchTo("mic_a");
      assertEquals(0, levels.next(1, Duration.ofSeconds(3)).get(0).value());
    }
  }

  @Test
  void thePlayerIsSilentSaysSoAndIsDoneAtOnce() {
    long start = System.nanoTime();
    TonePlayer player = TonePlayer.play(null, Tones.ringtone(), true);
    long returnedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    boolean audible = player.audible();
    long answeredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("player: play() returned in %d ms, audible()=%s after %d ms%n", returnedMs, audible, answeredMs);
    assertTrue(returnedMs < 1000, "does not wait for the server");
    assertFalse(audible);
    assertTrue(answeredMs < 3000);
    assertTrue(player.awaitEnd(Duration.ofSeconds(1)));
    player.stop();
    player.close();
  }

  @Test
  void openingAStreamFailsWithNoAudioServer() throws PulseSimple.Failure {
    PulseSimple pulse = PulseSimple.get();
    PulseSimple.Failure e = assertThrows(PulseSimple.Failure.class,
        () -> pulse.open(false, null, "Test", Tones.RATE, 40));
    System.out.println("open: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("no audio server"), e.getMessage());
  }

  @Test
  void aMissingLibpulseIsNoAudioServerNotAnError() {
    PulseSimple.Failure e = assertThrows(PulseSimple.Failure.class,
        () -> PulseSimple.load(List.of("libpeerphone-no-such-pulse-simple.so.0"), List.of("libpulse.so.0")));
    System.out.println("load: " + e.getMessage());
    assertTrue(e.getMessage().startsWith("no audio server"), e.getMessage());
  }
}
