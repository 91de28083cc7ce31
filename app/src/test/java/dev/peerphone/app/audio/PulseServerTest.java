package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.Sound;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test rig itself: each virtual microphone plays its own steady tone; speakers are silent. */
class PulseServerTest {
  private static PulseServer pulse;

  @BeforeAll
  static void start() {
    pulse = PulseServer.start();
  }

  @AfterAll
  static void stop() {
    pulse.close();
  }

  @Test
  void eachVirtualMicrophonePlaysItsOwnSteadyTone() {
    for (PulseServer.Mic m : new PulseServer.Mic[] {PulseServer.MIC_A, PulseServer.MIC_B, PulseServer.MIC_C}) {
      short[] pcm = Sound.skip(pulse.record(m.name(), Duration.ofMillis(1200)), 16000, 200);
      assertEquals(m.hz(), Sound.dominantHz(pcm, 16000), 10, () -> m + ": " + Sound.describe(pcm, 16000));
      assertTrue(Sound.rmsDbfs(pcm) > -30, () -> m + " too quiet: " + Sound.describe(pcm, 16000));
    }
  }

  @Test
  void speakersAreSilentUntilSomethingPlays() {
    short[] pcm = pulse.recordSink(PulseServer.SPEAKER_B, Duration.ofMillis(500));
    assertTrue(Sound.rmsDbfs(pcm) < -90, () -> Sound.describe(pcm, 16000));
  }

  @Test
  void devicesCarryTheirDescriptions() {
    String sinks = pulse.pactl("list", "sinks");
    assertTrue(sinks.contains("Description: Speaker A") && sinks.contains("Description: Speaker B"), sinks);
    assertTrue(pulse.pactl("list", "sources").contains("Description: Mic C"));
  }

  @Test
  void microphonesComeAndGo() {
    PulseServer.Mic d = new PulseServer.Mic("mic_d", "Mic D", 660);
    pulse.addMicrophone(d);
    assertTrue(pulse.pactl("list", "short", "sources").contains("mic_d"));
    pulse.removeMicrophone("mic_d");
    assertTrue(!pulse.pactl("list", "short", "sources").contains("mic_d\t"));
  }
}
