package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.PulseServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sound server goes away mid-use (crash, logout, restart): the meter reports 0 and stops,
 * players end, later ones are silent; nothing throws. Its own class: the daemon does not return.
 */
class LevelMeterAndTonePlayerWhenTheServerStopsTest {
  @Test
  void meterReportsZeroAndStopsAndPlayersEnd() {
    PulseServer pulse = PulseServer.start(List.of(PulseServer.MIC_A));
    pulse.exportToThisProcess();
    Levels levels = new Levels();
    try (LevelMeter meter = LevelMeter.start(null, levels);
        TonePlayer ringing = TonePlayer.play(PulseServer.SPEAKER_B, Tones.ringtone(), true)) {
      levels.await("above 0.5", v -> v > 0.5, Duration.ofSeconds(4));
      assertTrue(ringing.audible());

      long stopped = System.nanoTime();
      pulse.close();
      Levels.Level zero = levels.await("0", v -> v == 0, Duration.ofSeconds(3));
      levels.assertQuietFor(Duration.ofMillis(300));
      assertTrue(ringing.awaitEnd(Duration.ofSeconds(3)));
      System.out.printf("server stopped: meter at 0 after %d ms, player ended by %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(zero.nanos() - stopped), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));

      TonePlayer later = TonePlayer.play(null, Tones.testSound(), false);
      assertFalse(later.audible());
      meter.switchTo(null);
      assertEquals(0, levels.next(1, Duration.ofSeconds(3)).get(0).value());
    }
  }
}
