package dev.peerphone.app.audio;

import static dev.peerphone.app.testing.PulseServer.SPEAKER_A;
import static dev.peerphone.app.testing.PulseServer.SPEAKER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.Poll;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;
import dev.peerphone.app.testing.Sound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Playing the phone's sounds into a real (throwaway) sound server's speakers. The same bodies
 * run against each server ({@link TonePlayerTest}, {@link PipeWireTonePlayerTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TonePlayerContract {
  private static final java.time.Duration TWO_SECONDS = java.time.Duration.ofSeconds(2);
  private static final long PID = ProcessHandle.current().pid();
  private SoundServer pulse;

  /** Starts this class's throwaway server with speakers A (default) and B and no microphones. */
  abstract SoundServer startServer();

  @BeforeAll
  void start() {
    pulse = startServer();
    pulse.exportToThisProcess();
  }

  @AfterAll
  void stop() {
    pulse.close();
  }

  @AfterEach
  void everyPlayerFreesItsStream() throws InterruptedException {
    Poll.until("our playback streams are freed", TWO_SECONDS, () -> pulse.playbackSinksOf(PID).isEmpty());
  }

  @Test
  void playsIntoTheChosenSpeakerOnly() {
    try (TonePlayer player = TonePlayer.play(SPEAKER_B, steady(1000), true)) {
      assertTrue(player.audible());
      short[] b = Sound.skip(pulse.recordSink(SPEAKER_B, Duration.ofMillis(1200)), 16000, 200);
      short[] a = pulse.recordSink(SPEAKER_A, Duration.ofMillis(600));
      System.out.printf("chosen speaker: %s; other: %s%n", Sound.describe(b, 16000), Sound.describe(a, 16000));
      assertEquals(1000, Sound.dominantHz(b, 16000), 10, Sound.describe(b, 16000));
      assertEquals(-12, Sound.rmsDbfs(b), 2, Sound.describe(b, 16000));
      assertTrue(Sound.rmsDbfs(a) < -80, Sound.describe(a, 16000));
      assertEquals(List.of(SPEAKER_B), pulse.playbackSinksOf(PID));
    }
  }

  @Test
  void followsTheDefaultSpeakerWhenNoneIsChosen() {
    try (TonePlayer player = TonePlayer.play(null, steady(1000), true)) {
      assertTrue(player.audible());
      short[] a = Sound.skip(pulse.recordSink(SPEAKER_A, Duration.ofMillis(1000)), 16000, 200);
      short[] b = pulse.recordSink(SPEAKER_B, Duration.ofMillis(600));
      assertEquals(1000, Sound.dominantHz(a, 16000), 10, Sound.describe(a, 16000));
      assertTrue(Sound.rmsDbfs(a) > -15, Sound.describe(a, 16000));
      assertTrue(Sound.rmsDbfs(b) < -80, Sound.describe(b, 16000));
    }
  }

  @Test
  void stopSilencesTheSpeakerWithin200MsAndFreesTheStream() throws Exception {
    try (Tap tap = new Tap(SPEAKER_B + ".monitor")) {
      TonePlayer player = TonePlayer.play(SPEAKER_B, steady(1000), true);
      tap.await("sounding", c -> c.dbfs() > -20, Duration.ofSeconds(3));
      tap.during(Duration.ofMillis(300)); // playing steadily
      long stop = System.nanoTime();
      player.stop();
      long returned = System.nanoTime();
      Tap.Chunk silent = tap.await("silent", Tap.Chunk::silent, Duration.ofSeconds(1));
      long latencyMs = TimeUnit.NANOSECONDS.toMillis(silent.nanos() - stop);
      System.out.printf("stop() returned after %d us; speaker silent after %d ms%n",
          TimeUnit.NANOSECONDS.toMicros(returned - stop), latencyMs);
      assertTrue(latencyMs <= 200, "silent only after " + latencyMs + " ms");
      assertTrue(tap.during(Duration.ofMillis(300)).stream().allMatch(Tap.Chunk::silent), "sound after the silence");
      assertTrue(player.awaitEnd(Duration.ofSeconds(1)));
      Poll.until("the stream is freed", TWO_SECONDS, () -> pulse.playbackSinksOf(PID).isEmpty());
    }
  }

  @Test
  void aOneShotPlaysToTheEndThenEndsByItself() throws Exception {
    try (Tap tap = new Tap(SPEAKER_B + ".monitor")) {
      TonePlayer player = TonePlayer.play(SPEAKER_B, Tones.testSound(), false, "Test sound");
      Tap.Chunk first = tap.await("sounding", c -> !c.silent(), Duration.ofSeconds(3));
      assertTrue(player.awaitEnd(Duration.ofSeconds(2)), "still playing 2 s after the 1 s chime began");
      long endedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first.nanos());
      List<Tap.Chunk> heard = new ArrayList<>(List.of(first));
      heard.addAll(tap.during(Duration.ofMillis(300)));
      long soundingMs = 10 * heard.stream().takeWhile(c -> !c.silent()).count();
      short[] secondNote = Sound.skip(Tap.join(heard), Tap.RATE, 450);
      System.out.printf("chime: sounded %d ms; player ended %d ms after the first sound; second note %s%n",
          soundingMs, endedMs, Sound.describe(secondNote, Tap.RATE));
      assertEquals(1000, soundingMs, 40, "heard the whole chime, once");
      assertTrue(endedMs < 1300, "ended " + endedMs + " ms after the sound began");
      assertEquals(1045, Sound.dominantHz(secondNote, Tap.RATE), 10);
    }
  }

  @Test
  void loopsThePatternUntilStopped() throws Exception {
    short[] beep = Tones.sine(1000, 100, -12);
    short[] pattern = new short[beep.length * 2]; // 100 ms on, 100 ms off
    System.arraycopy(beep, 0, pattern, 0, beep.length);
    try (Tap tap = new Tap(SPEAKER_B + ".monitor"); TonePlayer player = TonePlayer.play(SPEAKER_B, pattern, true)) {
      tap.await("sounding", c -> !c.silent(), Duration.ofSeconds(3));
      List<Tap.Chunk> heard = tap.during(Duration.ofMillis(1000));
      int onsets = 0;
      for (int i = 1; i < heard.size(); i++) {
        onsets += heard.get(i - 1).dbfs() < -40 && heard.get(i).dbfs() >= -40 ? 1 : 0;
      }
      assertEquals(5, onsets, 1, "bursts in 1 s of a 200 ms pattern");
    }
  }

  @Test
  void playsNothingIntoASpeakerThatDoesNotExist() {
    try (TonePlayer player = TonePlayer.play("no_such_speaker", steady(1000), true)) {
      assertFalse(player.audible());
      assertTrue(player.awaitEnd(Duration.ofSeconds(1)));
      assertTrue(pulse.playbackSinksOf(PID).isEmpty());
    }
  }

  /** 1 s of a sine at -12 dBFS RMS with a whole number of cycles and no fades: loops seamlessly. */
  private static short[] steady(int hz) {
    short[] pcm = new short[Tones.RATE];
    double amplitude = Math.pow(10, -12 / 20.0) * Math.sqrt(2) * 32767;
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / Tones.RATE));
    }
    return pcm;
  }
}
