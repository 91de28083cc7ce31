package dev.peerphone.signaling.cluster;

import dev.peerphone.signaling.server.Directory.Waiting;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's roulette requests: each one run of {@link RouletteScript#ROULETTE} in Redis, its
 * answer handed back on the core executor. Stateless: the queue, pairs and bonds are Redis's.
 */
final class RedisRoulette {
  private static final Logger log = LoggerFactory.getLogger(RedisRoulette.class);
  private final RedisAsyncCommands<String, String> commands;
  private final RedisStats stats;
  private final Executor core;
  private final String where;

  RedisRoulette(RedisAsyncCommands<String, String> commands, RedisStats stats, Executor core, String where) {
    this.commands = commands;
    this.stats = stats;
    this.core = core;
    this.where = where;
  }

  /**
   * {@code find}, {@code next}, {@code stop}, {@code remove} or {@code unpair} for {@code key}, of
   * the roulette kind {@code kind} ({@code j}, {@code p}, {@code c}; empty: unchanged).
   */
  void request(String op, String key, String kind, Consumer<String> done) {
    run(op, new String[] {op, key, Keys.USER_CHANNEL, kind}, done);
  }

  /** After a Redis restart: this node's users' queue places, pairs and bonds written back. */
  void restore(List<Waiting> users, Consumer<String> done) {
    List<String> args = new ArrayList<>(4 + 4 * users.size());
    args.addAll(List.of("restore", "", Keys.USER_CHANNEL, ""));
    for (Waiting w : users) {
      args.addAll(List.of(w.key(), w.arrival() < 0 ? "" : Long.toString(w.arrival()),
          w.partnerKey() == null ? "" : w.partnerKey(), w.leftKey() == null ? "" : w.leftKey()));
    }
    run("restore", args.toArray(new String[0]), done);
  }

  /** Runs the script; {@code done} gets its answer ("" for none), or null if Redis failed. Core executor. */
  private void run(String op, String[] args, Consumer<String> done) {
    stats.timed(() -> commands.<String>eval(RouletteScript.ROULETTE, ScriptOutputType.VALUE, Keys.rouletteKeys(), args))
        .whenComplete((answer, e) -> core.execute(() -> {
          if (e != null) {
            log.warn("Cannot {} in the roulette on Redis {}: {}", op, where, e.toString());
          }
          done.accept(e != null ? null : answer == null ? "" : answer);
        }));
  }
}
