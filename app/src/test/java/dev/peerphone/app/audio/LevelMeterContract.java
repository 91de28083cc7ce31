package dev.peerphone.app.audio;

import static dev.peerphone.app.testing.PulseServer.MIC_A;
import static dev.peerphone.app.testing.PulseServer.MIC_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.Poll;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.SoundServer;
import java.time.Duration;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The input-level meter on a real (throwaway) sound server's virtual microphones. The same
 * bodies run against each server ({@link LevelMeterTest}, {@link PipeWireLevelMeterTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LevelMeterContract {
  private static final java.time.Duration TWO_SECONDS = java.time.Duration.ofSeconds(2);
  private static final long PID = ProcessHandle.current().pid();
  /** A source's first data can take up to ~2 s: an idle null sink renders 2 s blocks. */
  private static final Duration FIRST = Duration.ofSeconds(4);
  private static final Duration NEXT = Duration.ofMillis(500);
  private SoundServer pulse;
  /** Each test's own (the instance is shared by the class's tests, the server with it). */
  private Levels levels;

  /** Starts this class's throwaway server with speakers A/B and microphones A (default), B and C. */
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

  @BeforeEach
  void freshLevels() {
    levels = new Levels();
  }

  @AfterEach
  void unmuteAndAwaitEveryStreamFreed() throws InterruptedException {
    pulse.pactl("set-source-mute", MIC_A.name(), "0");
    Poll.until("our recording streams are freed", TWO_SECONDS, () -> pulse.recordingSourcesOf(PID).isEmpty());
  }

  @Test
  void reportsASteadyHighLevelForAToneAbout20TimesASecond() {
    try (LevelMeter meter = LevelMeter.start(MIC_A.name(), levels)) {
      levels.await("above 0.5", v -> v > 0.5, FIRST);
      List<Levels.Level> second = levels.during(Duration.ofSeconds(2));
      DoubleSummaryStatistics s = second.stream().mapToDouble(Levels.Level::value).summaryStatistics();
      System.out.printf("mic_a tone: %d levels in 2 s, %.3f..%.3f%n", s.getCount(), s.getMin(), s.getMax());
      assertEquals(40, s.getCount(), 4);
      assertTrue(s.getMin() > 0.5, "dipped to " + s.getMin());
      assertTrue(s.getMax() - s.getMin() < 0.05, "unsteady: " + s);
    }
  }

  @Test
  void dropsToZeroWithinHalfASecondOfMutingTheMic() {
    try (LevelMeter meter = LevelMeter.start(null, levels)) { // the default: mic_a
      levels.await("above 0.5", v -> v > 0.5, FIRST);
      long before = System.nanoTime();
      pulse.pactl("set-source-mute", MIC_A.name(), "1");
      long muted = System.nanoTime();
      Levels.Level zero = levels.await("near 0", v -> v < 0.02, Duration.ofSeconds(1));
      long ms = TimeUnit.NANOSECONDS.toMillis(zero.nanos() - muted);
      System.out.printf("muted: pactl took %d ms, level %.3f %d ms after it returned%n",
          TimeUnit.NANOSECONDS.toMillis(muted - before), zero.value(), ms);
      assertTrue(ms <= 500, "level near 0 only after " + ms + " ms");
      assertTrue(levels.next(10, NEXT).stream().allMatch(l -> l.value() < 0.02), "stays near 0 while muted");
    }
  }

  @Test
  void staysAtZeroOnASilentSource() {
    try (LevelMeter meter = LevelMeter.start(PulseServer.SPEAKER_B + ".monitor", levels)) {
      List<Levels.Level> first = levels.next(1, FIRST);
      List<Levels.Level> more = levels.next(19, NEXT);
      assertEquals(0, first.get(0).value());
      assertTrue(more.stream().allMatch(l -> l.value() == 0), more::toString);
    }
  }

  @Test
  void keepsReportingAfterSwitchingToAnotherMic() throws InterruptedException {
    try (LevelMeter meter = LevelMeter.start(MIC_A.name(), levels)) {
      levels.await("above 0.5 on mic_a", v -> v > 0.5, FIRST);
      meter.switchTo(MIC_B.name());
      Poll.until("the meter records mic_b only", TWO_SECONDS, () -> pulse.recordingSourcesOf(PID).equals(List.of(MIC_B.name())));
      pulse.pactl("set-source-mute", MIC_A.name(), "1"); // mic_a no longer matters
      levels.clear();
      levels.await("above 0.5 on mic_b", v -> v > 0.5, FIRST);
      assertTrue(levels.next(20, NEXT).stream().allMatch(l -> l.value() > 0.5), "steady on mic_b");
    }
  }

  @Test
  void closeStopsTheCallbacksAndFreesTheStream() throws InterruptedException {
    LevelMeter meter = LevelMeter.start(MIC_A.name(), levels);
    levels.await("above 0.5", v -> v > 0.5, FIRST);
    long start = System.nanoTime();
    meter.close();
    long closeUs = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    levels.clear();
    Poll.until("the stream is freed", TWO_SECONDS, () -> pulse.recordingSourcesOf(PID).isEmpty());
    System.out.printf("close() returned after %d us; the server no longer listed the stream %d ms later (polled)%n", closeUs,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    levels.assertQuietFor(Duration.ofMillis(300));
    meter.close();
    meter.switchTo(MIC_B.name()); // no effect once closed
    levels.assertQuietFor(Duration.ofMillis(300));
  }

  @Test
  void followsTheServerToTheDefaultMicWhenItsMicIsUnplugged() throws InterruptedException {
    // PulseAudio 14+ moves the streams of a vanished source to the default one (as it does
    // libwebrtc's call stream); pa_simple cannot ask it not to. The meter keeps reporting.
    PulseServer.Mic d = new PulseServer.Mic("mic_d", "Mic D", 660);
    pulse.addMicrophone(d);
    try (LevelMeter meter = LevelMeter.start(d.name(), levels)) {
      levels.await("above 0.5 on mic_d", v -> v > 0.5, FIRST);
      pulse.removeMicrophone(d.name());
      Poll.until("the stream moved to mic_a", TWO_SECONDS, () -> pulse.recordingSourcesOf(PID).equals(List.of(MIC_A.name())));
      pulse.pactl("set-source-mute", MIC_A.name(), "1");
      levels.await("0 from the muted mic_a", v -> v == 0, FIRST);
    }
  }

  @Test
  void reportsZeroOnceForAMicThatDoesNotExist() {
    try (LevelMeter meter = LevelMeter.start("no_such_mic", levels)) {
      assertEquals(0, levels.next(1, Duration.ofSeconds(3)).get(0).value());
      levels.assertQuietFor(Duration.ofMillis(300));
    }
  }

  @Test
  void aListenerThatThrowsKeepsGettingLevels() {
    int[] calls = {0};
    try (LevelMeter meter = LevelMeter.start(MIC_A.name(), v -> {
      if (calls[0]++ == 0) {
        throw new IllegalStateException("first call fails");
      }
      levels.accept(v);
    })) {
      levels.next(5, FIRST);
    }
  }

  @Test
  void mapsMinus60To0DbfsLinearlyOntoZeroToOne() {
    assertEquals(0, LevelMeter.level(new short[800]));
    assertEquals(1, LevelMeter.level(square(32767)), 0.001);
    assertEquals(0.5, LevelMeter.level(square(1036)), 0.001); // -30 dBFS
    assertEquals(0, LevelMeter.level(square(32)));            // -60.2 dBFS
    assertEquals(0, LevelMeter.level(square(10)));            // quieter still
  }

  private static short[] square(int amplitude) {
    short[] pcm = new short[800];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (i % 2 == 0 ? amplitude : -amplitude);
    }
    return pcm;
  }
}
