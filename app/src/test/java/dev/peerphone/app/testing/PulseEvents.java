package dev.peerphone.app.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's own view of a {@link SoundServer}'s change events ({@code pactl subscribe}), so a test
 * can wait for "something changed" instead of sleeping between looks. Independent of the code
 * under test: a separate process and Debian's client.
 *
 * <p>Threading: one reader thread fills the queue; {@link #next} may be called from any thread.
 */
public final class PulseEvents implements AutoCloseable {
  private final Process pactl;
  /** {@link System#nanoTime} at which each event line arrived. */
  private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();

  private PulseEvents(Process pactl) {
    this.pactl = pactl;
    Thread reader = new Thread(this::read, "pactl-subscribe");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes and returns once the subscription is live (a probe event came through). */
  public static PulseEvents subscribe(SoundServer pulse) {
    try {
      ProcessBuilder pb = new ProcessBuilder("pactl", "subscribe").redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(pulse.env());
      PulseEvents events = new PulseEvents(pb.start());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (true) {
        // A module coming and going: events every subscriber sees, touching no device in use.
        pulse.unloadModule(pulse.loadModule("module-null-sink", "sink_name=events_probe"));
        if (events.await(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200))).isPresent()) {
          events.arrivals.clear();
          return events;
        }
        if (System.nanoTime() > deadline) {
          events.close();
          throw new IllegalStateException("pactl subscribe saw no event within 5 s");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the server reports a change, then takes every change reported so far; returns
   * when the last of them arrived ({@link System#nanoTime}), or empty if none came by {@code
   * deadlineNanos}.
   */
  public OptionalLong await(long deadlineNanos) {
    try {
      Long at = arrivals.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (at == null) {
        return OptionalLong.empty();
      }
      for (Long more; (more = arrivals.poll()) != null; ) {
        at = more;
      }
      return OptionalLong.of(at);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(pactl.getInputStream(), StandardCharsets.UTF_8))) {
      while (r.readLine() != null) {
        arrivals.add(System.nanoTime());
      }
    } catch (IOException e) {
      // the process was stopped
    }
  }

  @Override
  public void close() {
    pactl.destroy();
  }
}
