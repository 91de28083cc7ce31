package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.Sound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The phone's sounds, analysed as a listener would hear them: pitch, cadence, level, clicks. */
class TonesTest {
  private static final int RATE = Tones.RATE;

  @Test
  void ringtoneRingsForOneSecondThenRestsForTwo() {
    assertCadence(Tones.ringtone(), 1000, 2000);
  }

  @Test
  void ringtoneAlternates880And660HzEvery250Ms() {
    short[] pcm = Tones.ringtone();
    int[] expected = {880, 660, 880, 660};
    for (int k = 0; k < expected.length; k++) {
      short[] note = slice(pcm, k * 250 + 20, k * 250 + 230);
      assertEquals(expected[k], Sound.dominantHz(note, RATE), 5, "note " + k + ": " + Sound.describe(note, RATE));
    }
  }

  @Test
  void ringtoneSoundsAtAboutMinus12Dbfs() {
    assertEquals(-12, Sound.rmsDbfs(slice(Tones.ringtone(), 0, 1000)), 0.5);
  }

  @Test
  void ringbackIsTwoSecondsOnFourSecondsOff() {
    assertCadence(Tones.ringback(), 2000, 4000);
  }

  @Test
  void ringbackIs440And480HzInEqualParts() {
    short[] on = slice(Tones.ringback(), 500, 1500); // 1 s: whole cycles of both tones
    assertEquals(0.5, share(on, 440), 0.02);
    assertEquals(0.5, share(on, 480), 0.02);
  }

  @Test
  void ringbackSoundsAtAboutMinus15Dbfs() {
    assertEquals(-15, Sound.rmsDbfs(slice(Tones.ringback(), 0, 2000)), 0.5);
  }

  @Test
  void testSoundIsAOneSecondChimeRisingFrom784To1047Hz() {
    short[] pcm = Tones.testSound();
    assertEquals(RATE, pcm.length);
    assertEquals(785, Sound.dominantHz(slice(pcm, 10, 390), RATE), 5);
    assertEquals(1045, Sound.dominantHz(slice(pcm, 410, 990), RATE), 5);
  }

  @Test
  void testSoundPeaksAtAboutMinus9DbfsAndIsClearlyAudible() {
    short[] pcm = Tones.testSound();
    assertEquals(-9, peakDbfs(pcm), 0.1);
    assertTrue(Sound.rmsDbfs(pcm) > -25, Sound.describe(pcm, RATE));
  }

  @Test
  void noSoundClicksAtItsEdgesOrWhereItLoops() {
    // A click is a step no tone this loud and this high could make: bound the step by the
    // steepest slope of the highest frequency present (the chime's partial counted in).
    assertNoClicks("ringtone", Tones.ringtone(), 880);
    assertNoClicks("ringback", Tones.ringback(), 480);
    assertNoClicks("test sound", Tones.testSound(), 1047 * 1.3); // 2 x 0.15: the octave partial
  }

  @Test
  void eachCallReturnsAFreshArray() {
    short[] a = Tones.ringtone();
    a[100] = 12345;
    assertTrue(Tones.ringtone()[100] != 12345);
  }

  private static void assertNoClicks(String name, short[] pcm, double topHz) {
    assertTrue(Math.abs(pcm[0]) <= 1 && Math.abs(pcm[pcm.length - 1]) <= 50,
        name + " starts at " + pcm[0] + ", ends at " + pcm[pcm.length - 1]);
    double peak = 0;
    int step = 0;
    for (int i = 0; i < pcm.length; i++) {
      peak = Math.max(peak, Math.abs(pcm[i]));
      step = Math.max(step, Math.abs(pcm[i] - pcm[(i + pcm.length - 1) % pcm.length])); // wraps: loop seam
    }
    double bound = peak * 2 * Math.PI * topHz / RATE * 1.05;
    assertTrue(step <= bound, name + ": step " + step + " > " + bound);
  }

  /** The bursts of a pattern must last {@code onMs} and the pauses {@code offMs} (±15 ms). */
  private static void assertCadence(short[] pcm, int onMs, int offMs) {
    List<int[]> runs = runs(pcm);
    assertEquals(2, runs.size(), () -> "runs (sounding?, ms): " + describe(runs));
    assertEquals(1, runs.get(0)[0], "starts sounding");
    assertEquals(onMs, runs.get(0)[1], 15, () -> describe(runs));
    assertEquals(offMs, runs.get(1)[1], 15, () -> describe(runs));
  }

  /** Sounding (above -50 dBFS) and silent stretches, in 5 ms windows: {sounding 1/0, ms}. */
  private static List<int[]> runs(short[] pcm) {
    int window = RATE / 200;
    List<int[]> runs = new ArrayList<>();
    for (int from = 0; from + window <= pcm.length; from += window) {
      int on = Sound.rmsDbfs(Arrays.copyOfRange(pcm, from, from + window)) > -50 ? 1 : 0;
      if (runs.isEmpty() || runs.get(runs.size() - 1)[0] != on) {
        runs.add(new int[] {on, 0});
      }
      runs.get(runs.size() - 1)[1] += 5;
    }
    return runs;
  }

  private static String describe(List<int[]> runs) {
    StringBuilder b = new StringBuilder();
    runs.forEach(r -> b.append(r[0] == 1 ? "on " : "off ").append(r[1]).append(" ms; "));
    return b.toString();
  }

  /** The share of the signal's energy at exactly {@code hz} (1 for a pure tone on the grid). */
  private static double share(short[] pcm, double hz) {
    double w = 2 * Math.PI * hz / RATE;
    double re = 0;
    double im = 0;
    double energy = 0;
    for (int i = 0; i < pcm.length; i++) {
      re += pcm[i] * Math.cos(w * i);
      im += pcm[i] * Math.sin(w * i);
      energy += (double) pcm[i] * pcm[i];
    }
    return 2 * (re * re + im * im) / (pcm.length * energy);
  }

  private static double peakDbfs(short[] pcm) {
    int peak = 0;
    for (short s : pcm) {
      peak = Math.max(peak, Math.abs(s));
    }
    return 20 * Math.log10(peak / 32768.0);
  }

  private static short[] slice(short[] pcm, int fromMs, int toMs) {
    return Arrays.copyOfRange(pcm, RATE * fromMs / 1000, RATE * toMs / 1000);
  }
}
