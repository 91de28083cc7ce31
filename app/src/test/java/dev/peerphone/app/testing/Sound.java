package dev.peerphone.app.testing;

/**
 * What a recording sounds like: its level and its dominant frequency, for tests that assert on
 * what a user would hear rather than on objects.
 */
public final class Sound {
  private Sound() {}

  /** RMS level in dBFS (0 = full scale; -120 for digital silence). */
  public static double rmsDbfs(short[] pcm) {
    if (pcm.length == 0) {
      return -120;
    }
    double sum = 0;
    for (short s : pcm) {
      sum += (double) s * s;
    }
    double rms = Math.sqrt(sum / pcm.length) / 32768.0;
    return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
  }

  /**
   * The strongest frequency between 50 Hz and min(4 kHz, Nyquist), to the nearest 5 Hz (a DFT
   * on a 5 Hz grid over at most the first second, Hann-windowed).
   */
  public static int dominantHz(short[] pcm, int rate) {
    int n = Math.min(pcm.length, rate);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = pcm[i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / Math.max(1, n - 1)));
    }
    int best = 0;
    double bestPower = -1;
    for (int hz = 50; hz <= Math.min(4000, rate / 2 - 5); hz += 5) {
      double p = power(x, rate, hz);
      if (p > bestPower) {
        bestPower = p;
        best = hz;
      }
    }
    return best;
  }

  /** Goertzel power of {@code hz} in {@code x}. */
  private static double power(double[] x, int rate, double hz) {
    double w = 2 * Math.PI * hz / rate;
    double c = 2 * Math.cos(w);
    double s1 = 0;
    double s2 = 0;
    for (double v : x) {
      double s0 = v + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - c * s1 * s2;
  }

  /** The samples after the first {@code ms} milliseconds (skip a stream's start-up). */
  public static short[] skip(short[] pcm, int rate, int ms) {
    int from = Math.min(pcm.length, rate * ms / 1000);
    return java.util.Arrays.copyOfRange(pcm, from, pcm.length);
  }

  /**
   * The loudest {@code ms} of {@code pcm} (on a 10 ms grid): where a burst, a chime or one ring
   * of a ringing pattern is in a longer recording.
   */
  public static short[] loudest(short[] pcm, int rate, int ms) {
    int n = Math.min(pcm.length, rate * ms / 1000);
    int step = Math.max(1, rate / 100);
    int best = 0;
    double bestEnergy = -1;
    for (int from = 0; from + n <= pcm.length; from += step) {
      double e = 0;
      for (int i = from; i < from + n; i++) {
        e += (double) pcm[i] * pcm[i];
      }
      if (e > bestEnergy) {
        bestEnergy = e;
        best = from;
      }
    }
    return java.util.Arrays.copyOfRange(pcm, best, best + n);
  }

  /** Writes a steady sine tone as a 48 kHz mono 16-bit WAV file (Chromium's fake microphone). */
  public static void writeToneWav(java.nio.file.Path file, int hz, double seconds, double amplitude) {
    int rate = 48000;
    int n = (int) (rate * seconds);
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * n)
        .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
        .putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      b.putShort((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate)));
    }
    try {
      java.nio.file.Files.write(file, b.array());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A description for assertion messages. */
  public static String describe(short[] pcm, int rate) {
    return String.format("%d samples, %.1f dBFS, dominant %d Hz", pcm.length, rmsDbfs(pcm), dominantHz(pcm, rate));
  }
}
