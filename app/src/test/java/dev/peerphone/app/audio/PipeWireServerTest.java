package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.PipeWireServer;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.Sound;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PipeWire rig itself: a pulse server on PipeWire whose virtual microphones each play a steady tone. */
class PipeWireServerTest {
  private static PipeWireServer pw;

  @BeforeAll
  static void start() {
    long t0 = System.nanoTime();
    pw = PipeWireServer.start();
    System.out.printf("PipeWire rig up in %d ms: %s%n", (System.nanoTime() - t0) / 1_000_000, pw.serverName());
  }

  @AfterAll
  static void stop() {
    pw.close();
  }

  @Test
  void isPipeWiresPulseServer() {
    assertTrue(pw.serverName().startsWith("PulseAudio (on PipeWire "), pw.serverName());
  }

  @Test
  void eachVirtualMicrophonePlaysItsOwnSteadyTone() {
    for (PulseServer.Mic m : new PulseServer.Mic[] {PulseServer.MIC_A, PulseServer.MIC_B, PulseServer.MIC_C}) {
      short[] pcm = Sound.skip(pw.record(m.name(), Duration.ofMillis(600)), 16000, 200);
      System.out.println(m + ": " + Sound.describe(pcm, 16000));
      assertEquals(m.hz(), Sound.dominantHz(pcm, 16000), 10, () -> m + ": " + Sound.describe(pcm, 16000));
      assertEquals(-12, Sound.rmsDbfs(pcm), 1.5, () -> m + ": " + Sound.describe(pcm, 16000));
    }
  }

  @Test
  void speakersAreSilentUntilSomethingPlays() {
    short[] pcm = pw.recordSink(PulseServer.SPEAKER_B, Duration.ofMillis(500));
    assertTrue(Sound.rmsDbfs(pcm) < -90, () -> Sound.describe(pcm, 16000));
  }

  @Test
  void devicesCarryTheirDescriptions() {
    String sinks = pw.pactl("list", "sinks");
    assertTrue(sinks.contains("Description: Speaker A") && sinks.contains("Description: Speaker B"), sinks);
    assertTrue(pw.pactl("list", "sources").contains("Description: Mic C"));
  }

  @Test
  void microphonesComeAndGo() {
    PulseServer.Mic d = new PulseServer.Mic("mic_d", "Mic D", 660);
    pw.addMicrophone(d);
    assertTrue(pw.pactl("list", "short", "sources").contains("mic_d\t"));
    short[] pcm = Sound.skip(pw.record("mic_d", Duration.ofMillis(600)), 16000, 200);
    assertEquals(660, Sound.dominantHz(pcm, 16000), 10, () -> Sound.describe(pcm, 16000));
    pw.removeMicrophone("mic_d");
    assertFalse(pw.pactl("list", "short", "sources").contains("mic_d\t"));
  }
}
