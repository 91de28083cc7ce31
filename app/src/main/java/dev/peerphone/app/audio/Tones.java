package dev.peerphone.app.audio;

/**
 * The phone's own sounds as PCM, 48 kHz mono signed 16-bit ({@link #RATE}), ready for
 * {@link TonePlayer}. Each pattern is one cycle: loop it for as long as it should sound.
 *
 * <p>Every burst starts and ends at zero (10 ms raised-cosine fades), and a pattern ends where
 * it starts, so neither a burst nor a loop clicks. Levels are RMS over the sounding part.
 *
 * <p>Threading: pure functions; every call returns a new array.
 */
public final class Tones {
  /** Sample rate of every pattern here. */
  public static final int RATE = 48_000;

  /** RMS of the ringtone's burst. */
  static final double RINGTONE_DBFS = -12;
  /** RMS of the ringback's burst (the two tones together). */
  static final double RINGBACK_DBFS = -15;
  /** Peak of the test chime. */
  static final double CHIME_PEAK_DBFS = -9;

  private static final int FADE = RATE / 100; // 10 ms

  private Tones() {}

  /**
   * An incoming call: a 1 s burst alternating 880 Hz and 660 Hz every 250 ms (A5, E5: a falling
   * fourth, continuous in phase so the steps do not click), then 2 s of silence; 3 s per cycle,
   * -12 dBFS.
   */
  public static short[] ringtone() {
    short[] out = new short[RATE * 3];
    double amplitude = fromDb(RINGTONE_DBFS) * Math.sqrt(2);
    int burst = RATE;
    double phase = 0;
    for (int i = 0; i < burst; i++) {
      out[i] = sample(amplitude * Math.sin(phase) * fade(i, burst));
      double hz = (i / (RATE / 4)) % 2 == 0 ? 880 : 660;
      phase += 2 * Math.PI * hz / RATE;
    }
    return out;
  }

  /**
   * What the caller hears while the other side rings: the North American ringback, 440 Hz plus
   * 480 Hz for 2 s, then 4 s of silence; 6 s per cycle, -15 dBFS. Chosen because it is the one
   * most people recognise as "ringing" (films, most VoIP apps), whatever their own network plays.
   */
  public static short[] ringback() {
    short[] out = new short[RATE * 6];
    double each = fromDb(RINGBACK_DBFS); // two equal sines of amplitude a have an RMS of a
    int burst = RATE * 2;
    for (int i = 0; i < burst; i++) {
      double t = (double) i / RATE;
      double v = Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t);
      out[i] = sample(each * v * fade(i, burst));
    }
    return out;
  }

  /**
   * "Test speaker": a 1 s two-note chime rising from G5 (784 Hz, 0.4 s) to C6 (1047 Hz, 0.6 s),
   * each note struck and decaying like a small bell (a quiet octave partial included), peaking
   * at -9 dBFS.
   */
  public static short[] testSound() {
    double[] v = new double[RATE];
    int first = RATE * 2 / 5;
    strike(v, 0, first, 784);
    strike(v, first, v.length - first, 1047);
    double peak = 0;
    for (double x : v) {
      peak = Math.max(peak, Math.abs(x));
    }
    short[] out = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = sample(v[i] * fromDb(CHIME_PEAK_DBFS) / peak);
    }
    return out;
  }

  /** A steady sine of {@code hz} for {@code ms} at {@code dbfs} RMS, with the usual fades. */
  static short[] sine(double hz, int ms, double dbfs) {
    int n = RATE * ms / 1000;
    short[] out = new short[n];
    double amplitude = fromDb(dbfs) * Math.sqrt(2);
    for (int i = 0; i < n; i++) {
      out[i] = sample(amplitude * Math.sin(2 * Math.PI * hz * i / RATE) * fade(i, n));
    }
    return out;
  }

  /** A bell-like note into {@code out[from, from + length)}, unscaled: 5 ms attack, 0.25 s decay. */
  private static void strike(double[] out, int from, int length, double hz) {
    int attack = RATE / 200;
    for (int i = 0; i < length; i++) {
      double t = (double) i / RATE;
      double envelope = i < attack ? (double) i / attack : Math.exp(-(i - attack) / (0.25 * RATE));
      double partial = 0.15 * Math.exp(-t / 0.08) * Math.sin(2 * Math.PI * 2 * hz * t);
      out[from + i] = envelope * (Math.sin(2 * Math.PI * hz * t) + partial) * fade(i, length);
    }
  }

  /** 0 at both ends of a burst of {@code n} samples, 1 in between, raised-cosine ramps. */
  private static double fade(int i, int n) {
    int edge = Math.min(i, n - 1 - i);
    return edge >= FADE ? 1 : 0.5 - 0.5 * Math.cos(Math.PI * edge / FADE);
  }

  private static double fromDb(double db) {
    return Math.pow(10, db / 20);
  }

  private static short sample(double v) {
    return (short) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
  }
}
