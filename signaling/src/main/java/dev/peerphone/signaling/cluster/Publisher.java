package dev.peerphone.signaling.cluster;

import dev.peerphone.signaling.server.Directory.Delivery;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Sends the {@code PUBLISH}es of one run of the core (typically: one read from one client, which
 * may relay several messages to users of other nodes) to Redis in one write, instead of one
 * write and one event-loop wake-up each. The command connection does not flush by itself:
 * publishes are flushed by {@link #flush} when the core goes idle, or after {@value #MAX_UNFLUSHED}
 * of them, so at most that many wait unwritten; every other command ({@link RedisStats#timed}, on
 * any thread: the lease's renewals too) asks the core for a flush. <em>Only the core flushes</em>:
 * Lettuce drains its buffer under a lock but writes the drained commands after releasing it, and
 * a flush on a Netty event loop writes at once, so two threads flushing could reorder commands
 * (the relay-order test caught exactly that). Commands wait in order with
 * the other commands on the one connection (per-recipient order holds), and their 2 s timeout
 * and the refusal while disconnected are Lettuce's as before: both apply when the command is
 * issued, not when it is written.
 *
 * <p>Threading: {@link #publish} and {@link #flush} on the core executor only.
 */
final class Publisher {
  /** Publishes issued past this many without a flush are written out at once. */
  static final int MAX_UNFLUSHED = 64;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisStats stats;
  /** Runs a task on the core executor (never on a Netty thread). */
  private final Executor core;
  /** Publishes issued since the last flush. Core executor only. */
  private int unflushed;
  /** A command other than a publish waits for a flush (set on any thread). */
  private volatile boolean other;

  private Publisher(StatefulRedisConnection<String, String> connection, RedisStats stats, Executor core) {
    this.connection = connection;
    this.stats = stats;
    this.core = core;
  }

  /**
   * Turns {@code connection}'s auto-flush off; every command {@code stats} times but a publish
   * is flushed by a task on {@code core}.
   */
  static Publisher batching(StatefulRedisConnection<String, String> connection, RedisStats stats, Executor core) {
    Publisher publisher = new Publisher(connection, stats, core);
    stats.flushEach(publisher::flushSoon);
    connection.setAutoFlushCommands(false);
    return publisher;
  }

  /** Any thread: a command was issued; the core writes it out next. */
  private void flushSoon() {
    other = true;
    core.execute(this::flush);
  }

  /** Core executor: {@code PUBLISH channel message}, written out by the next {@link #flush} at the latest. */
  RedisFuture<Long> publish(String channel, String message) {
    RedisFuture<Long> published = stats.timedUnflushed(() -> connection.async().publish(channel, message));
    if (++unflushed >= MAX_UNFLUSHED) {
      flush();
    }
    return published;
  }

  /**
   * Core executor: publishes {@code envelope} to the user {@code targetKey}'s channel (see
   * {@link dev.peerphone.signaling.server.Directory#send(String, String, Runnable, Consumer)}).
   * A publish that reached a subscriber runs {@code delivered} right on Lettuce's thread: no hand-off
   * to the core for the common case. One that reached nobody asks Redis ({@link Scripts#ABSENT})
   * whether the name is really free before answering {@code UNKNOWN_USER}: right after a reconnect
   * or failover the holder's node may not have subscribed its channels again yet.
   */
  void send(String targetKey, String envelope, Runnable delivered, Consumer<Delivery> done) {
    publish(Keys.USER_CHANNEL + targetKey, envelope).whenComplete((receivers, e) -> {
      if (e == null && receivers > 0) {
        delivered.run();
      } else if (e != null) {
        core.execute(() -> done.accept(Delivery.UNAVAILABLE));
      } else {
        stats.timed(() -> connection.async().<String>eval(Scripts.ABSENT, ScriptOutputType.VALUE, Keys.absentKeys(),
            targetKey)).whenComplete((answer, e2) -> core.execute(() -> done.accept(e2 != null ? Delivery.UNAVAILABLE
                : "absent".equals(answer) ? Delivery.UNKNOWN_USER : Delivery.UNSETTLED)));
      }
    });
  }

  /** Core executor: writes out the publishes issued since the last flush, if any. */
  void flush() {
    if (unflushed > 0 || other) {
      unflushed = 0;
      other = false; // before the flush: a command issued meanwhile is in this flush or sets it again
      connection.flushCommands();
    }
  }

  /** Back to one write per command (before a blocking command: it would wait for a flush otherwise). */
  void stopBatching() {
    stats.flushEach(() -> {});
    connection.setAutoFlushCommands(true);
    connection.flushCommands();
  }
}
