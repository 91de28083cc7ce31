package dev.peerphone.signaling.server;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * What stops abuse from one address without refusing a crowd behind one NAT: a login rate per
 * address (a token bucket of {@code loginsPerMinute}, refilled evenly over the minute) and a cap
 * on names held at once per address. Owned by the hub's core thread.
 */
final class AddressPolicy {
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private final int loginsPerMinute;
  private final int maxNames;
  /** Per address: {tokens, last refill in nanos}. Full buckets are pruned. */
  private final Map<InetAddress, double[]> logins = new HashMap<>();
  private final Map<InetAddress, Integer> names = new HashMap<>();

  /** 0 for either means unlimited. */
  AddressPolicy(int loginsPerMinute, int maxNames) {
    this.loginsPerMinute = loginsPerMinute;
    this.maxNames = maxNames;
  }

  /** A login attempt from {@code address}: null if it may go on, else why not (takes a login token). */
  Refusal attempt(InetAddress address, long nowNanos) {
    if (address == null) {
      return null;
    }
    if (loginsPerMinute > 0) {
      double[] bucket = logins.computeIfAbsent(address, a -> new double[] {loginsPerMinute, nowNanos});
      refill(bucket, nowNanos);
      if (bucket[0] < 1) {
        return Refusal.LOGIN_RATE;
      }
      bucket[0] -= 1;
    }
    if (maxNames > 0 && names.getOrDefault(address, 0) >= maxNames) {
      return Refusal.NAMES_PER_ADDRESS;
    }
    return null;
  }

  void loggedIn(InetAddress address) {
    if (address != null) {
      names.merge(address, 1, Integer::sum);
    }
  }

  void loggedOut(InetAddress address) {
    if (address != null) {
      names.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }
  }

  /** Forgets buckets that have refilled completely (they would start full anyway). */
  void prune(long nowNanos) {
    logins.values().removeIf(bucket -> {
      refill(bucket, nowNanos);
      return bucket[0] >= loginsPerMinute;
    });
  }

  int bucketCount() {
    return logins.size();
  }

  int nameAddressCount() {
    return names.size();
  }

  String message(Refusal refusal) {
    return refusal == Refusal.LOGIN_RATE
        ? "Too many logins from your address (limit " + loginsPerMinute + " per minute); try again shortly"
        : "Too many names held from your address (limit " + maxNames + "); log one out first";
  }

  private void refill(double[] bucket, long nowNanos) {
    double elapsed = Math.max(0, nowNanos - (long) bucket[1]);
    bucket[0] = Math.min(loginsPerMinute, bucket[0] + elapsed * loginsPerMinute / MINUTE_NANOS);
    bucket[1] = nowNanos;
  }
}
