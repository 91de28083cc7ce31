package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

/**
 * Records every level a {@link LevelMeter} reports, with when it arrived; tests take them in
 * order, with timeouts, and can assert that nothing more comes.
 *
 * <p>Threading: the meter's thread adds; the test thread takes.
 */
final class Levels implements java.util.function.DoubleConsumer {
  /** A reported level and {@link System#nanoTime()} when it was reported. */
  record Level(long nanos, double value) {}

  private final BlockingQueue<Level> queue = new LinkedBlockingQueue<>();

  @Override
  public void accept(double value) {
    queue.add(new Level(System.nanoTime(), value));
  }

  /** The next level that matches, skipping others; fails after {@code timeout}. */
  Level await(String what, DoublePredicate match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Double> skipped = new ArrayList<>();
    while (true) {
      Level l = poll(deadline - System.nanoTime());
      if (l == null) {
        fail("no level " + what + " within " + timeout + "; skipped " + tail(skipped));
      }
      if (match.test(l.value())) {
        return l;
      }
      skipped.add(l.value());
    }
  }

  /** The next {@code n} levels, each within {@code timeout} of the one before. */
  List<Level> next(int n, Duration timeout) {
    List<Level> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Level l = poll(timeout.toNanos());
      if (l == null) {
        fail("only " + i + " of " + n + " levels; none for " + timeout);
      }
      out.add(l);
    }
    return out;
  }

  /** Every level reported within the next {@code length}. */
  List<Level> during(Duration length) {
    List<Level> out = new ArrayList<>();
    long end = System.nanoTime() + length.toNanos();
    for (Level l; (l = poll(end - System.nanoTime())) != null; ) {
      out.add(l);
    }
    return out;
  }

  /** Asserts that no level is reported within {@code length}. */
  void assertQuietFor(Duration length) {
    List<Level> more = during(length);
    assertTrue(more.isEmpty(), () -> more.size() + " more levels, e.g. " + more.get(0).value());
  }

  void clear() {
    queue.clear();
  }

  private Level poll(long nanos) {
    try {
      return nanos <= 0 ? queue.poll() : queue.poll(nanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String tail(List<Double> values) {
    return values.subList(Math.max(0, values.size() - 10), values.size()).toString();
  }
}
