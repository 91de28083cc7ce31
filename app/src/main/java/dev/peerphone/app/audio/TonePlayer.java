package dev.peerphone.app.audio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one of the phone's own sounds ({@link Tones}) into a chosen speaker, once or in a loop,
 * on its own Pulse stream (application "Peerphone", so it is never routed as a call stream).
 *
 * <p>Nothing here throws because of sound: without an audio server, or with a speaker that is
 * gone, a player plays nothing, {@link #audible()} says so, and the reason is logged.
 *
 * <p>Threading: {@link #play} returns at once; a daemon thread per player connects, writes 20 ms
 * chunks and frees the stream. All methods may be called from any thread; only
 * {@link #audible()} and {@link #awaitEnd} wait, and only as long as asked or needed.
 */
public final class TonePlayer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TonePlayer.class);
  private static final int CHUNK = Tones.RATE / 50; // 20 ms
  /** Queued ahead: enough to ride out a busy machine (40 ms underran under load); stop() flushes it. */
  private static final int BUFFER_MS = 100;
  /** How long {@link #audible()} waits at most for the server to answer. */
  private static final Duration CONNECT_WAIT = Duration.ofSeconds(5);

  private final String sink;
  private final short[] pcm;
  private final boolean loop;
  private final String streamName;
  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile boolean audible;
  private volatile boolean stopped;

  private TonePlayer(String sink, short[] pcm, boolean loop, String streamName) {
    this.sink = sink;
    this.pcm = pcm;
    this.loop = loop;
    this.streamName = streamName;
  }

  /** As {@link #play(String, short[], boolean, String)}, named "Ringtone" when looping, else "Sound". */
  public static TonePlayer play(String sink, short[] pcm48kMono, boolean loop) {
    return play(sink, pcm48kMono, loop, loop ? "Ringtone" : "Sound");
  }

  /**
   * Starts playing {@code pcm48kMono} ({@link Tones#RATE}, mono, signed 16-bit) into
   * {@code sink} ({@code null}: the server's default speaker), once or until {@link #stop()}.
   * Returns at once; the samples are copied.
   *
   * @param streamName what sound settings show for the stream, e.g. "Ringtone", "Test sound"
   */
  public static TonePlayer play(String sink, short[] pcm48kMono, boolean loop, String streamName) {
    TonePlayer player = new TonePlayer(sink, pcm48kMono.clone(), loop, Objects.requireNonNull(streamName));
    Thread t = new Thread(player::run, "peerphone-tone");
    t.setDaemon(true);
    t.start();
    return player;
  }

  /**
   * Whether the sound reaches an audio server: false without one, or when the speaker does not
   * exist. Waits until the stream is open or has failed (a local round trip; a few seconds at
   * most when the server does not answer).
   */
  public boolean audible() {
    try {
      opened.await(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return audible;
  }

  /**
   * Waits until the player is done: a one-shot played out, stopped, or failed. Returns whether
   * it was done in time.
   */
  public boolean awaitEnd(Duration timeout) {
    try {
      return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops: what is queued is dropped, not played out, so the sound ends within ~50 ms and the
   * stream is freed right after, on the player's thread. Returns at once. Idempotent.
   */
  public void stop() {
    stopped = true;
  }

  /** {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private void run() {
    try {
      if (stopped || pcm.length == 0) {
        return;
      }
      try (PulseSimple.Stream stream = PulseSimple.get().open(false, sink, streamName, Tones.RATE, BUFFER_MS)) {
        audible = true;
        opened.countDown();
        writeAll(stream);
        if (stopped) {
          stream.flush();
        } else {
          stream.drain();
        }
      }
    } catch (PulseSimple.Failure e) {
      log.info("{} not played: {}", streamName, e.getMessage());
    } catch (RuntimeException | LinkageError e) { // a bug, or a broken JNA: still no Error to anyone
      log.warn("{} not played", streamName, e);
    } finally {
      opened.countDown();
      ended.countDown();
    }
  }

  /** Writes the samples (over and over when looping) until done or stopped. */
  private void writeAll(PulseSimple.Stream stream) throws PulseSimple.Failure {
    short[] chunk = new short[CHUNK];
    int position = 0;
    while (!stopped) {
      int n = 0;
      while (n < CHUNK && (loop || position < pcm.length)) {
        if (position == pcm.length) {
          position = 0;
        }
        int take = Math.min(CHUNK - n, pcm.length - position);
        System.arraycopy(pcm, position, chunk, n, take);
        n += take;
        position += take;
      }
      if (n == 0) {
        return;
      }
      stream.write(chunk, n);
    }
  }
}
