package dev.peerphone.signaling.server;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Coalesces presence changes into pushes: at most one per interval. The interval grows with the
 * number of listeners (one more base interval per 1,000 users), because every push goes to
 * everyone: without that, a login storm would cost O(users²) traffic. Confined to the core thread.
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
  private final Runnable push;
  private boolean pending;
  private long lastPushNanos;

  Presence(Scheduler scheduler, Duration baseInterval, IntSupplier listeners, Runnable push) {
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
    long interval = baseIntervalNanos * Math.max(1, listeners.getAsInt() / 1000 + 1);
    long wait = Math.max(0, lastPushNanos + interval - scheduler.nanoTime());
    scheduler.schedule(this::fire, wait);
  }

  private void fire() {
    pending = false;
    lastPushNanos = scheduler.nanoTime();
    push.run();
  }
}
