package dev.peerphone.signaling.server;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Coalesces presence changes into pushes: at most one per interval. The interval grows with the
 * number of listeners (one more base interval per 1,000 users), because every push goes to
 * everyone: without that, a login storm would cost O(users²) traffic. It also keeps all pushes
 * together within {@link #BYTES_PER_SECOND}: a push of the full list (200 names, ~9 KB) to 2,000
 * users is 18 MB, and under churn the list changes all the time — the soak measured 33 MB/s of
 * pushes against 0.2 MB/s of signaling. So after a push of B bytes the next waits at least
 * B / budget: ~4 s at 2,000 users, ~20 s at 10,000, still the base 250 ms for a classroom.
 * Confined to the core thread.
 */
final class Presence {
  /** The core executor's timer, injected so tests and the hub share one thread. */
  interface Scheduler {
    void schedule(Runnable task, long delayNanos);

    long nanoTime();
  }

  private final Scheduler scheduler;
  private final long baseIntervalNanos;
  private final IntSupplier listeners;
  /** What all presence pushes together may send per second, to every listener. */
  static final long BYTES_PER_SECOND = 4L << 20;
  private final LongSupplier push;
  /** Bytes the last push sent, all listeners together. */
  private long lastPushBytes;
  private boolean pending;
  private long lastPushNanos;

  /** {@code push} sends the list to everyone and returns the bytes it sent (0 if it sent nothing). */
  Presence(Scheduler scheduler, Duration baseInterval, IntSupplier listeners, LongSupplier push) {
    this.scheduler = scheduler;
    this.baseIntervalNanos = baseInterval.toNanos();
    this.listeners = listeners;
    this.push = push;
    this.lastPushNanos = scheduler.nanoTime() - baseIntervalNanos;
  }

  void changed() {
    if (pending) {
      return;
    }
    pending = true;
    long interval = Math.max(baseIntervalNanos * Math.max(1, listeners.getAsInt() / 1000 + 1),
        lastPushBytes * 1_000_000_000L / BYTES_PER_SECOND);
    long wait = Math.max(0, lastPushNanos + interval - scheduler.nanoTime());
    scheduler.schedule(this::fire, wait);
  }

  private void fire() {
    pending = false;
    lastPushNanos = scheduler.nanoTime();
    lastPushBytes = push.getAsLong();
  }
}
