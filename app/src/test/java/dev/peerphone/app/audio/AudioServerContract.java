package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.audio.AudioServer.Endpoint;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Devices, defaults and hot-plug as our libpulse client sees them on a throwaway sound server.
 * The same bodies run against each server ({@link PulseAudioTest}, {@link PipeWireAudioTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AudioServerContract {
  SoundServer pulse;
  AudioServer audio;
  private final BlockingQueue<String> changes = new LinkedBlockingQueue<>();

  /** Starts this class's throwaway server with speakers A/B and microphones A (default), B and C. */
  abstract SoundServer startServer();

  @BeforeAll
  void start() {
    pulse = startServer();
    pulse.exportToThisProcess(); // the standard way: PULSE_SERVER in the C environment
    audio = PulseAudio.connect("peerphone-test").orElseThrow();
    audio.addDevicesListener(() -> changes.add("devices"));
  }

  @AfterAll
  void stop() {
    audio.close();
    pulse.close();
  }

  @Test
  void listsTheMicrophonesByDescriptionWithoutMonitors() {
    assertEquals(List.of("Mic A", "Mic B", "Mic C"), audio.microphones().stream().map(Endpoint::description).toList());
    assertEquals(List.of("mic_a", "mic_b", "mic_c"), audio.microphones().stream().map(Endpoint::name).toList());
  }

  @Test
  void listsTheSpeakers() {
    List<String> speakers = audio.speakers().stream().map(Endpoint::description).toList();
    assertEquals(List.of("Speaker A", "Speaker B"), speakers.subList(0, 2), speakers::toString);
    assertTrue(audio.speakers().stream().noneMatch(e -> e.name().endsWith(".monitor")));
  }

  @Test
  void reportsTheServersDefaults() {
    assertEquals(Optional.of("mic_a"), audio.defaultMicrophone());
    assertEquals(Optional.of("speaker_a"), audio.defaultSpeaker());
  }

  @Test
  void describesTheServer() {
    assertTrue(audio.describe().startsWith("PulseAudio "), audio.describe());
  }

  @Test
  void aPluggedMicrophoneAppearsAndAnUnpluggedOneGoesWithinTwoSeconds() {
    PulseServer.Mic d = new PulseServer.Mic("mic_d", "Mic D", 660);
    changes.clear();
    long t0 = System.nanoTime();
    pulse.addMicrophone(d);
    awaitChange(() -> audio.microphones().contains(new Endpoint("mic_d", "Mic D")), "mic_d plugged");
    System.out.printf("hot-plug seen after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    changes.clear();
    pulse.removeMicrophone("mic_d");
    awaitChange(() -> audio.microphones().stream().noneMatch(e -> e.name().equals("mic_d")), "mic_d unplugged");
  }

  @Test
  void aNewDefaultIsSeenAndAMonitorIsNeverTheDefaultMicrophone() {
    try {
      changes.clear();
      pulse.pactl("set-default-source", "mic_c");
      awaitChange(() -> audio.defaultMicrophone().equals(Optional.of("mic_c")), "default mic_c");
      changes.clear();
      pulse.pactl("set-default-source", "speaker_b.monitor");
      awaitChange(() -> audio.defaultMicrophone().isEmpty(), "default is a monitor");
    } finally {
      pulse.pactl("set-default-source", "mic_a");
    }
    awaitChange(() -> audio.defaultMicrophone().equals(Optional.of("mic_a")), "default mic_a again");
  }

  @Test
  void closeIsIdempotentFromAnyThreadAndEndsTheClientThread() throws Exception {
    int before = clientThreads();
    AudioServer other = PulseAudio.connect("peerphone-test-2").orElseThrow();
    assertEquals(before + 1, clientThreads());
    Thread closer = new Thread(other::close);
    closer.start();
    closer.join(3000);
    other.close();
    other.routeRecording("mic_b"); // after close: ignored, no exception
    assertEquals(before, clientThreads());
    assertFalse(other.microphones().isEmpty(), "the last snapshot stays readable");
  }

  private static int clientThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("pulse-client") && t.isAlive()).count();
  }

  /** Waits on the listener's events (not a sleep) until {@code condition} holds, at most 2 s. */
  private void awaitChange(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || changes.poll(left, TimeUnit.NANOSECONDS) == null && !condition.getAsBoolean()) {
          throw new AssertionError(what + " not seen within 2 s: " + audio.microphones() + " default "
              + audio.defaultMicrophone());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
