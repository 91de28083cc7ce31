package dev.peerphone.signaling.server;

import java.util.ArrayDeque;

/**
 * Counts bad messages in a sliding window; {@link #strike} says when there were too many.
 * Confined to the connection's network thread, like {@link TokenBucket}.
 */
final class StrikeCounter {
  private final int max;
  private final long windowNanos;
  private final ArrayDeque<Long> strikes = new ArrayDeque<>();

  StrikeCounter(int max, long windowNanos) {
    this.max = max;
    this.windowNanos = windowNanos;
  }

  /** Records one strike; true when more than {@code max} fell within the window. */
  boolean strike(long nowNanos) {
    strikes.addLast(nowNanos);
    while (!strikes.isEmpty() && nowNanos - strikes.peekFirst() > windowNanos) {
      strikes.removeFirst();
    }
    return strikes.size() > max;
  }
}
