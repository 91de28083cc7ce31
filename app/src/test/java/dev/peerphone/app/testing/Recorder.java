package dev.peerphone.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records every {@link CallEvent} into a queue; tests wait for the event they expect, with a
 * timeout, in order. Events skipped on the way (periodic video ticks and the like) are kept in
 * {@link #seen} for the failure message.
 */
public final class Recorder implements CallListener {
  private final String who;
  private final BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
  private final List<CallEvent> seen = new ArrayList<>();

  public Recorder(String who) {
    this.who = who;
  }

  @Override
  public void onEvent(CallEvent event) {
    events.add(event);
  }

  /** Waits for the next event of {@code type} that matches {@code filter}, skipping others. */
  public <T extends CallEvent> T await(Class<T> type, Predicate<T> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        CallEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
          fail(who + ": no " + type.getSimpleName() + " within " + timeout + "; saw " + tail());
        }
        seen.add(e);
        if (type.isInstance(e) && filter.test(type.cast(e))) {
          return type.cast(e);
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  public <T extends CallEvent> T await(Class<T> type, Duration timeout) {
    return await(type, x -> true, timeout);
  }

  public <T extends CallEvent> T await(Class<T> type) {
    return await(type, x -> true, Duration.ofSeconds(15));
  }

  /**
   * Waits until every condition has been met by some event, in any order (for events whose
   * relative order is not defined, like a peer-to-peer chat and a re-login).
   */
  @SafeVarargs
  public final void awaitAll(Duration timeout, Predicate<CallEvent>... conditions) {
    List<Predicate<CallEvent>> open = new ArrayList<>(List.of(conditions));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!open.isEmpty()) {
        long left = deadline - System.nanoTime();
        CallEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
          fail(who + ": " + open.size() + " condition(s) unmet within " + timeout + "; saw " + tail());
        }
        seen.add(e);
        open.stream().filter(c -> c.test(e)).findFirst().ifPresent(open::remove);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  /** Asserts that no event of {@code type} matching {@code filter} arrives within {@code window}. */
  public <T extends CallEvent> void assertNone(Class<T> type, Predicate<T> filter, Duration window) {
    long deadline = System.nanoTime() + window.toNanos();
    try {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        CallEvent e = events.poll(left, TimeUnit.NANOSECONDS);
        if (e == null) {
          return;
        }
        seen.add(e);
        if (type.isInstance(e) && filter.test(type.cast(e))) {
          fail(who + ": unexpected " + e);
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  /** Asserts that no event of {@code type} has been seen so far, nor is queued. */
  public void assertNeverSaw(Class<? extends CallEvent> type) {
    List<CallEvent> all = new ArrayList<>(seen);
    all.addAll(events);
    all.stream().filter(type::isInstance).findFirst().ifPresent(e -> fail(who + ": unexpected " + e));
  }

  /** Drops everything queued so far (after a phase of a test). */
  public void drain() {
    List<CallEvent> rest = new ArrayList<>();
    events.drainTo(rest);
    seen.addAll(rest);
  }

  private String tail() {
    int from = Math.max(0, seen.size() - 25);
    return seen.subList(from, seen.size()).toString();
  }
}
