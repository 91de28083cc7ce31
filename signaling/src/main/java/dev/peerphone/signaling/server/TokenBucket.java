package dev.peerphone.signaling.server;

/**
 * A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. A browser's
 * burst of ICE candidates fits in the bucket; a sustained flood drains it. Not thread-safe: each
 * connection's bucket is used only by the network thread that decodes that connection.
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long lastNanos;

  TokenBucket(int burst, int perSecond, long nowNanos) {
    this.capacity = burst;
    this.perNano = perSecond / 1e9;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  boolean tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
