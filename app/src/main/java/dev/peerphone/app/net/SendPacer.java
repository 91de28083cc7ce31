package dev.peerphone.app.net;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps one signaling connection under the server's per-connection message limit (PROTOCOL.md:
 * a token bucket; ours allows a burst of 200 and 100 messages a second, and closes a connection
 * with 1008 after 20 refused messages within 10 s). A desktop that calls eight students at once
 * sends eight offers and their candidates within a few hundred milliseconds — past the burst, so
 * our own server closed the teacher's connection and every call with it. Messages within
 * {@value #BURST} at once and {@value #PER_SECOND} a second go out at once; beyond that they wait
 * here, in order, and go out as the budget refills (a few hundred milliseconds for a burst of eight
 * calls' worth). At most {@value #MAX_WAITING} wait; past that the oldest are dropped, as
 * messages are while the connection is down (logged).
 *
 * <p>Threading: {@link #send} from any thread; waiting messages are sent on {@code scheduler}.
 */
final class SendPacer {
  static final int BURST = 150;
  static final int PER_SECOND = 80;
  static final int MAX_WAITING = 10_000;

  private final Consumer<String> out;
  private final ScheduledExecutorService scheduler;
  private final LongSupplier nanos;
  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private double tokens = BURST;
  private long last;
  private boolean drainScheduled;
  private long dropped;

  SendPacer(Consumer<String> out, ScheduledExecutorService scheduler, LongSupplier nanos) {
    this.out = out;
    this.scheduler = scheduler;
    this.nanos = nanos;
    this.last = nanos.getAsLong();
  }

  /** Sends {@code json} now if the budget allows and nothing waits, else queues it. */
  synchronized void send(String json) {
    refill();
    if (waiting.isEmpty() && tokens >= 1) {
      tokens -= 1;
      out.accept(json);
      return;
    }
    if (waiting.size() >= MAX_WAITING) {
      waiting.poll();
      dropped++;
    }
    waiting.add(json);
    scheduleDrain();
  }

  /** Messages waiting for the budget. */
  synchronized int waiting() {
    return waiting.size();
  }

  /** Messages dropped because too many waited. */
  synchronized long dropped() {
    return dropped;
  }

  private void drain() {
    synchronized (this) {
      drainScheduled = false;
      refill();
      while (!waiting.isEmpty() && tokens >= 1) {
        tokens -= 1;
        out.accept(waiting.poll());
      }
      if (!waiting.isEmpty()) {
        scheduleDrain();
      }
    }
  }

  private void scheduleDrain() {
    if (drainScheduled) {
      return;
    }
    drainScheduled = true;
    long delayMicros = (long) Math.ceil(Math.max(0, 1 - tokens) * 1_000_000 / PER_SECOND);
    try {
      scheduler.schedule(this::drain, Math.max(1, delayMicros), TimeUnit.MICROSECONDS);
    } catch (RuntimeException stopped) { // the client is closing: what waits is dropped with it
      drainScheduled = false;
    }
  }

  private void refill() {
    long now = nanos.getAsLong();
    tokens = Math.min(BURST, tokens + (now - last) * PER_SECOND / 1e9);
    last = now;
  }
}
