package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.fail;

import dev.peerphone.app.testing.Sound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Listens to a source from inside the test JVM (our own {@link PulseSimple}), 10 ms at a time,
 * stamping each chunk with when it arrived: for timing what a speaker does (e.g. how soon it
 * falls silent), which a recording started from a child process cannot tell.
 *
 * <p>Threading: one reader thread fills a queue; the test thread takes from it.
 */
final class Tap implements AutoCloseable {
  static final int RATE = 16_000;

  /** 10 ms of samples and {@link System#nanoTime()} when they arrived. */
  record Chunk(long nanos, short[] pcm) {
    double dbfs() {
      return Sound.rmsDbfs(pcm);
    }

    boolean silent() {
      return dbfs() < -80;
    }
  }

  private final BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
  private final PulseSimple.Stream stream;
  private final Thread reader;
  private volatile boolean stopped;

  Tap(String source) throws PulseSimple.Failure {
    stream = PulseSimple.get().open(true, source, "Test tap", RATE, 10);
    reader = new Thread(this::read, "test-tap");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    try {
      while (!stopped) {
        short[] pcm = new short[RATE / 100];
        stream.read(pcm);
        chunks.add(new Chunk(System.nanoTime(), pcm));
      }
    } catch (PulseSimple.Failure e) {
      // the test sees the chunks stop coming
    } finally {
      stream.close();
    }
  }

  /** The first chunk that matches, skipping others; fails after {@code timeout}. */
  Chunk await(String what, Predicate<Chunk> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Chunk c = chunks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (c == null) {
          fail("no chunk " + what + " within " + timeout);
        }
        if (match.test(c)) {
          return c;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every chunk that arrives within the next {@code length}. */
  List<Chunk> during(Duration length) {
    List<Chunk> out = new ArrayList<>();
    long end = System.nanoTime() + length.toNanos();
    try {
      for (long left; (left = end - System.nanoTime()) > 0; ) {
        Chunk c = chunks.poll(left, TimeUnit.NANOSECONDS);
        if (c != null) {
          out.add(c);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Drops what has arrived so far. */
  void clear() {
    chunks.clear();
  }

  static short[] join(List<Chunk> chunks) {
    short[] out = new short[chunks.size() * (RATE / 100)];
    for (int i = 0; i < chunks.size(); i++) {
      System.arraycopy(chunks.get(i).pcm(), 0, out, i * (RATE / 100), RATE / 100);
    }
    return out;
  }

  @Override
  public void close() {
    stopped = true;
  }
}
