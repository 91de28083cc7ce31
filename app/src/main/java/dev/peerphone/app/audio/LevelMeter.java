package dev.peerphone.app.audio;

import java.util.Objects;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live input-level meter for one microphone, for a settings page or a "speak now" bar: it
 * records the source on its own Pulse stream (application "Peerphone", stream "Input level",
 * so it is never routed as libwebrtc's call stream) and reports a level about 20 times a second.
 *
 * <p>The level is the RMS of each 50 ms of 16 kHz mono audio, -60..0 dBFS mapped linearly onto
 * 0..1 (quieter is 0). When there is no audio server, when the source does not exist, or when
 * the server goes away or kills the stream, the meter reports 0 once and stops reporting;
 * nothing is thrown. {@link #switchTo} starts it again, on the same or another source. When the
 * source is unplugged, PulseAudio 14+ (and PipeWire) move the stream to the default microphone,
 * as they do libwebrtc's (pa_simple cannot ask them not to): the meter then goes on metering
 * that one.
 *
 * <p>Threading: each source is read by its own daemon thread, which calls the listener; the
 * listener must return quickly (e.g. hand over to the UI thread) and may call {@link #switchTo}
 * or {@link #close}. Methods may be called from any thread and never wait for the server.
 * After {@link #close} or {@link #switchTo} returns, no level of the previous source is
 * reported; its stream is freed within ~50 ms, on its thread.
 */
public final class LevelMeter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LevelMeter.class);
  static final int RATE = 16_000;
  private static final int CHUNK = RATE / 20; // 50 ms: one report
  private static final int FRAGMENT_MS = 25;
  static final String STREAM_NAME = "Input level";

  private final DoubleConsumer listener;
  private final Object lock = new Object();
  /** The reader whose levels are reported; the only one. Guarded by {@link #lock}. */
  private Reader current;
  /** Guarded by {@link #lock}. */
  private boolean closed;

  private LevelMeter(DoubleConsumer listener) {
    this.listener = listener;
  }

  /**
   * Starts metering {@code source} ({@code null}: the server's default microphone), reporting
   * levels in 0..1 to {@code level}. Returns at once.
   */
  public static LevelMeter start(String source, DoubleConsumer level) {
    LevelMeter meter = new LevelMeter(Objects.requireNonNull(level));
    meter.switchTo(source);
    return meter;
  }

  /**
   * Meters {@code source} ({@code null}: the default) from now on, instead of the one before;
   * also restarts a meter that stopped because its source or the server went away. Returns at
   * once; does nothing after {@link #close}.
   */
  public void switchTo(String source) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      if (current != null) {
        current.stopped = true;
      }
      current = new Reader(source);
      Thread t = new Thread(current::run, "peerphone-level-meter");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Stops metering; no level is reported after this returns. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (current != null) {
        current.stopped = true;
        current = null;
      }
    }
  }

  /** The level of {@code pcm}: RMS in dBFS, -60..0 mapped onto 0..1; digital silence is 0. */
  static double level(short[] pcm) {
    double sum = 0;
    for (short s : pcm) {
      sum += (double) s * s;
    }
    double rms = pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length) / 32768.0;
    if (rms <= 0) {
      return 0;
    }
    double dbfs = 20 * Math.log10(rms);
    return Math.max(0, Math.min(1, (dbfs + 60) / 60));
  }

  /** Reports {@code level} unless {@code from} has been replaced or closed. */
  private void report(Reader from, double level) {
    synchronized (lock) {
      if (current != from) {
        return;
      }
      try {
        listener.accept(level);
      } catch (RuntimeException e) {
        log.warn("input level listener failed", e);
      }
    }
  }

  /** Reads one source until stopped or failed. Owns its stream; runs on its own thread. */
  private final class Reader {
    private final String source;
    volatile boolean stopped;

    Reader(String source) {
      this.source = source;
    }

    void run() {
      try (PulseSimple.Stream stream = PulseSimple.get().open(true, source, STREAM_NAME, RATE, FRAGMENT_MS)) {
        short[] chunk = new short[CHUNK];
        while (!stopped) {
          stream.read(chunk);
          report(this, level(chunk));
        }
      } catch (PulseSimple.Failure e) {
        log.info("input level of {}: {}", source == null ? "the default microphone" : source, e.getMessage());
        report(this, 0);
      } catch (RuntimeException | LinkageError e) { // a bug, or a broken JNA: still no Error to anyone
        log.warn("input level of {} failed", source, e);
        report(this, 0);
      }
    }
  }
}
