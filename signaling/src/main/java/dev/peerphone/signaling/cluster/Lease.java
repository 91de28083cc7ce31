package dev.peerphone.signaling.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's lease in Redis (docs/CLUSTER.md, Leases): {@link Scripts#RENEW} every second,
 * without waiting for the reply. Each renewal also brings Redis's clock (this node's offset to
 * it, for {@link #clusterMillis}), reaps nodes whose lease lapsed ({@link Scripts#DEAD}, then
 * {@link Scripts#REAP} {@code if-dead}) and reads the roulette queue's length for
 * {@code /metrics}. A renewal that finds the lease gone (Redis restarted empty, or this node was
 * cut off past its lease) runs {@code onLapsed}: the node claims its names again.
 *
 * <p>Threading: renewals are sent from the timer thread and complete on the command
 * connection's one event-loop thread; {@link #held} and {@link #offsetMillis} are volatile,
 * {@link #clockSet} is written by {@link #register} before the timer starts and then only there.
 */
final class Lease {
  private static final Logger log = LoggerFactory.getLogger(Lease.class);
  static final Duration LENGTH = Duration.ofSeconds(5);
  static final Duration RENEW_EVERY = Duration.ofSeconds(1);
  static final long CLOCK_ROUND_TRIP_MS = 200;

  private final RedisAsyncCommands<String, String> commands;
  private final String node;
  private final String where;
  private final RedisStats stats;
  private final Runnable onLapsed;
  private volatile boolean held = true;
  /** Redis's clock minus this node's, in ms, as of the last renewal. */
  private volatile long offsetMillis;
  private boolean clockSet;
  private ScheduledFuture<?> renewal;

  Lease(RedisAsyncCommands<String, String> commands, String node, String where, RedisStats stats, Runnable onLapsed) {
    this.commands = commands;
    this.node = node;
    this.where = where;
    this.stats = stats;
    this.onLapsed = onLapsed;
  }

  /** Registers the lease at connect time, waiting for Redis (a {@code RedisException} if it cannot). */
  void register(RedisCommands<String, String> sync) {
    long sent = System.currentTimeMillis();
    clock(sync.eval(Scripts.RENEW, ScriptOutputType.MULTI, Keys.renewKeys(), node,
        Long.toString(LENGTH.toMillis()), "register"), sent);
  }

  void start(ScheduledExecutorService timer) {
    long every = RENEW_EVERY.toMillis();
    renewal = timer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  void stop() {
    if (renewal != null) {
      renewal.cancel(false);
    }
  }

  /** Whether the last renewal succeeded (and nothing since said otherwise). Any thread. */
  boolean held() {
    return held;
  }

  /** Claiming the names again failed: not held until the next renewal succeeds. */
  void lost() {
    held = false;
  }

  /** The cluster's clock: Redis's, as estimated at the renewals. Any thread. */
  long clusterMillis() {
    return System.currentTimeMillis() + offsetMillis;
  }

  /** Timer thread: renews the lease without waiting for the reply. */
  private void renew() {
    long sent = System.currentTimeMillis();
    long start = System.nanoTime();
    stats.timed(() -> commands.<List<Object>>eval(Scripts.RENEW, ScriptOutputType.MULTI, Keys.renewKeys(),
        node, Long.toString(LENGTH.toMillis()), "renew")).whenComplete((renewed, e) -> {
          if (e != null) {
            if (held) {
              log.warn("Cannot renew this node's lease on Redis {}: {}", where, e.toString());
            }
            held = false;
            return;
          }
          stats.renewed(System.nanoTime() - start);
          if (clock(renewed, sent) == 0) {
            stats.leaseLapsed();
            log.warn("This node's lease on Redis {} had lapsed (Redis restarted, or this node was cut off);"
                + " renewed, claiming its names again", where);
            onLapsed.run();
          } else if (!held) {
            log.info("Lease on Redis {} renewed again", where);
          }
          held = true;
          reapDead();
          stats.timed(() -> commands.zcard(Keys.QUEUE)).thenAccept(stats::queueLength);
        });
  }

  /**
   * Takes Redis's clock from a {@link Scripts#RENEW} reply sent at local time {@code sent}: the
   * offset to this node's clock, assuming the reply was made halfway through the round trip (a
   * slow round trip, over {@value #CLOCK_ROUND_TRIP_MS} ms, is not trusted unless it is the first).
   * Returns whether the lease had been held (1) or not (0).
   */
  private long clock(List<Object> renewed, long sent) {
    long received = System.currentTimeMillis();
    if (received - sent <= CLOCK_ROUND_TRIP_MS || !clockSet) {
      offsetMillis = (Long) renewed.get(1) - (sent + received) / 2;
      clockSet = true;
    }
    return (Long) renewed.get(0);
  }

  /**
   * Any live node reaps dead ones: each lapsed lease Redis reports is reaped by {@link Scripts#REAP}
   * {@code if-dead} (compare-and-delete, and nothing at all if the lease is live again), which
   * publishes each freed name as {@code gone}.
   */
  private void reapDead() {
    stats.timed(() -> commands.<List<String>>eval(Scripts.DEAD, ScriptOutputType.MULTI, new String[] {Keys.NODES, Keys.SETTLING},
        Integer.toString(Keys.REAP_BATCH))).thenAccept(dead -> {
          for (String other : dead) {
            stats.timed(() -> commands.<Long>eval(Scripts.REAP, ScriptOutputType.INTEGER,
                Keys.reapKeys(other), other, "if-dead")).thenAccept(freed -> {
                  if (freed > 0) {
                    log.info("Reaped node {}: {} names freed", other, freed);
                  }
                });
          }
        }).exceptionally(e -> {
          log.warn("Cannot reap dead nodes on Redis {}: {}", where, e.toString());
          return null;
        });
  }
}
