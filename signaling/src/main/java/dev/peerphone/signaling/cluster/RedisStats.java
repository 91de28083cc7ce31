package dev.peerphone.signaling.cluster;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What a cluster node measures of its Redis, for {@code /metrics}: the round trip of every command
 * it sends (a Prometheus histogram of the answered ones), the last lease renewal's round trip,
 * failed commands by kind, lapsed leases, and the cluster's roulette queue length as last read.
 *
 * <p>Threading: written by Lettuce's event-loop threads and the renewal timer, read by the HTTP
 * thread that renders {@code /metrics}: every field is an adder or volatile.
 */
final class RedisStats {
  /** Upper bounds of the round-trip buckets, in seconds (commands time out after 2 s). */
  static final double[] BOUNDS = {0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2};

  /** Why a command failed, as {@code /metrics} counts it. */
  enum Failure {
    /** No answer within the command timeout (a frozen or overloaded Redis). */
    TIMEOUT("timeout"),
    /** Refused at once or cut off while the connection was down (nothing is buffered meanwhile). */
    DISCONNECTED("disconnected"),
    /** Redis answered with an error (a script error, OOM, BUSY, LOADING...). */
    ERROR_REPLY("error-reply"),
    /** Too many commands were waiting for replies already. */
    QUEUE_FULL("queue-full"),
    OTHER("other");

    final String wire;

    Failure(String wire) {
      this.wire = wire;
    }
  }

  private final LongAdder[] buckets = new LongAdder[BOUNDS.length + 1];
  private final long[] boundNanos = new long[BOUNDS.length];
  private final LongAdder sumNanos = new LongAdder();
  private final Map<Failure, LongAdder> failures = new EnumMap<>(Failure.class);
  private final LongAdder leaseLapses = new LongAdder();
  /** The last answered renewal's round trip in ns; -1 before the first. */
  private volatile long renewalNanos = -1;
  private volatile int queueLength;

  RedisStats() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
    for (int i = 0; i < BOUNDS.length; i++) {
      boundNanos[i] = Math.round(BOUNDS[i] * 1e9);
    }
    for (Failure f : Failure.values()) {
      failures.put(f, new LongAdder());
    }
  }

  /** Writes out what was sent (set by {@link Publisher#batching}); nothing while the connection flushes by itself. */
  private volatile Runnable flush = () -> {};

  /**
   * Sends the command {@code send} makes, writes it out to Redis at once, and measures it: its
   * round trip, or why it failed.
   */
  <T> RedisFuture<T> timed(Supplier<RedisFuture<T>> send) {
    RedisFuture<T> command = timedUnflushed(send);
    flush.run();
    return command;
  }

  /** As {@link #timed}, but leaves the command in the connection's buffer for a later flush. */
  <T> RedisFuture<T> timedUnflushed(Supplier<RedisFuture<T>> send) {
    long start = System.nanoTime();
    RedisFuture<T> command = send.get();
    command.whenComplete((value, e) -> completed(System.nanoTime() - start, e));
    return command;
  }

  /** From now on {@link #timed} runs {@code flush} after each command (any thread). */
  void flushEach(Runnable flush) {
    this.flush = flush;
  }

  /** A command answered ({@code e} null, or an error reply) after {@code nanos}, or failed. */
  void completed(long nanos, Throwable e) {
    Failure failure = e == null ? null : kind(e);
    if (failure != null) {
      failures.get(failure).increment();
    }
    if (failure == null || failure == Failure.ERROR_REPLY) { // Redis answered: a round trip
      int i = 0;
      while (i < boundNanos.length && nanos > boundNanos[i]) {
        i++;
      }
      buckets[i].increment();
      sumNanos.add(nanos);
    }
  }

  static Failure kind(Throwable e) {
    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String message = String.valueOf(t.getMessage());
    if (t instanceof RedisCommandTimeoutException) {
      return Failure.TIMEOUT;
    }
    if (t instanceof RedisCommandExecutionException) {
      return Failure.ERROR_REPLY;
    }
    if (message.startsWith("Request queue size exceeded")) {
      return Failure.QUEUE_FULL;
    }
    if (t instanceof RedisConnectionException || t instanceof IOException
        || message.contains("not connected") || message.startsWith("Connection closed")) {
      return Failure.DISCONNECTED;
    }
    return Failure.OTHER;
  }

  void renewed(long nanos) {
    renewalNanos = nanos;
  }

  /** A renewal found this node's lease gone. */
  void leaseLapsed() {
    leaseLapses.increment();
  }

  void queueLength(long length) {
    queueLength = (int) Math.min(Integer.MAX_VALUE, length);
  }

  int queueLength() {
    return queueLength;
  }

  /** The series, Prometheus text; {@code ready} is what {@code /healthz} says. */
  void render(StringBuilder out, boolean ready) {
    out.append("# HELP peerphone_cluster_ready 1 while this node can serve (Redis answers, lease held: /healthz "
            + "200), else 0.\n")
        .append("# TYPE peerphone_cluster_ready gauge\n")
        .append("peerphone_cluster_ready ").append(ready ? 1 : 0).append('\n');
    out.append("# HELP peerphone_redis_round_trip_seconds Round trips of this node's Redis commands that Redis "
            + "answered (publishes, scripts, lease renewals, subscriptions).\n")
        .append("# TYPE peerphone_redis_round_trip_seconds histogram\n");
    long count = 0;
    for (int i = 0; i < buckets.length; i++) {
      count += buckets[i].sum();
      String bound = i < BOUNDS.length ? BigDecimal.valueOf(BOUNDS[i]).stripTrailingZeros().toPlainString() : "+Inf";
      out.append("peerphone_redis_round_trip_seconds_bucket{le=\"").append(bound).append("\"} ").append(count)
          .append('\n');
    }
    out.append("peerphone_redis_round_trip_seconds_sum ").append(seconds(sumNanos.sum())).append('\n')
        .append("peerphone_redis_round_trip_seconds_count ").append(count).append('\n');
    long renewal = renewalNanos;
    out.append("# HELP peerphone_redis_lease_renewal_seconds Round trip of this node's last answered lease renewal "
            + "(one a second; -1 before the first).\n")
        .append("# TYPE peerphone_redis_lease_renewal_seconds gauge\n")
        .append("peerphone_redis_lease_renewal_seconds ").append(renewal < 0 ? "-1" : seconds(renewal)).append('\n');
    out.append("# HELP peerphone_redis_errors_total Redis commands of this node that failed, by kind: timeout (no "
            + "answer within 2 s), disconnected (refused or cut off while the connection was down), error-reply, "
            + "queue-full (too many awaiting replies), other.\n")
        .append("# TYPE peerphone_redis_errors_total counter\n");
    failures.forEach((kind, n) -> out.append("peerphone_redis_errors_total{kind=\"").append(kind.wire)
        .append("\"} ").append(n.sum()).append('\n'));
    out.append("# HELP peerphone_redis_lease_lapses_total Renewals that found this node's lease gone (Redis "
            + "restarted empty, or the node was cut off past its lease): it then claimed its names again.\n")
        .append("# TYPE peerphone_redis_lease_lapses_total counter\n")
        .append("peerphone_redis_lease_lapses_total ").append(leaseLapses.sum()).append('\n');
  }

  private static String seconds(long nanos) {
    return Double.toString(nanos / 1e9);
  }
}
