package dev.peerphone.signaling.cluster;

import dev.peerphone.signaling.server.Directory;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of a cluster on Redis (docs/CLUSTER.md): names are claimed by {@link Scripts#CLAIM}
 * against node leases renewed every second ({@link Lease}); each user of this node has the channel
 * {@code {pp}:u:KEY}, subscribed on this node's one subscriber connection, and every message to a
 * user of another node is one {@code PUBLISH} on this node's one command connection, so messages
 * to one user keep their order and a publish that reaches nobody means {@code unknown-user}.
 *
 * <p>Lettuce's harmful defaults are overridden: commands are rejected at once while disconnected
 * (never buffered to be replayed minutes later), time out after 2 s, at most
 * {@value #MAX_QUEUED} wait for replies, and reconnects are retried at least once a second.
 *
 * <p>Threading: the hub calls in on its core executor; Lettuce completes commands on its Netty
 * threads, and every callback is posted back onto the core executor through one thread of its
 * own ({@link #callbacks}), never from the Netty thread itself: the core runs on the thread that
 * posts to it when it is idle, and a command issued on a Netty event loop is written at once,
 * ahead of commands issued earlier from other threads that still wait in that loop's task queue
 * (the relay benchmark saw one user's candidates overtake each other that way). Off the event
 * loops, commands reach Redis in the order the core issued them. What the subscriber receives
 * (deliveries, events, nudges) goes instead to {@link #deliverOn}'s executor once the server set
 * it: the WebSocket selector thread, woken once per burst, runs them on the core so the frames
 * are written straight to the sockets (one executor for all three keeps their order). {@link #owned} and
 * {@link #logins} are touched only on the core executor.
 */
public final class RedisDirectory implements Directory {
  private static final Logger log = LoggerFactory.getLogger(RedisDirectory.class);
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_QUEUED = 100_000;

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final StatefulRedisPubSubConnection<String, String> subscriber;
  private final RedisAsyncCommands<String, String> commands;
  private final RedisPubSubAsyncCommands<String, String> subscriptions;
  /** The core executor, reached through {@link #callbacks} (see the class comment). */
  private final Executor core;
  private final ThreadPoolExecutor callbacks;
  private final ScheduledExecutorService timer;
  private final String node;
  private final String ownedKey;
  private final String where;
  /** Names this node holds, with the owner value its claim wrote. Core executor only. */
  private final Map<String, String> owned = new HashMap<>();
  /** Each owned name's login number (from {@link Scripts#CLAIM}), for a restart. Core executor only. */
  private final Map<String, Long> places = new HashMap<>();
  /** Numbers this node's logins, so each claim's owner value is unique. Core executor only. */
  private long logins;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final RedisStats stats = new RedisStats();
  /** Runs what the subscriber receives on the core executor, in order: {@link #core} or {@link #deliverOn}'s. */
  private volatile Executor inbound;
  /** Set once by {@link #start}; events are handed to it on the core executor. */
  private volatile Inbox inbox;
  private final Lease lease;
  /** Set once in {@link #connect}, before any other thread sees this directory. */
  private Publisher publisher;
  private final RedisRoulette roulette;
  private final RedisPresence presence;

  private RedisDirectory(ClientResources resources, RedisClient client, StatefulRedisConnection<String, String> connection,
      StatefulRedisPubSubConnection<String, String> subscriber, Executor hubCore, ScheduledExecutorService timer,
      String where) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.subscriber = subscriber;
    this.commands = connection.async();
    this.subscriptions = subscriber.async();
    this.callbacks = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "peerphone-redis-callbacks");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.DiscardPolicy()); // after close(): late callbacks are dropped
    this.core = task -> callbacks.execute(() -> hubCore.execute(task));
    this.inbound = this.core;
    this.timer = timer;
    this.where = where;
    byte[] id = new byte[9];
    new SecureRandom().nextBytes(id);
    this.node = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    this.ownedKey = Keys.owned(node);
    // this.core, never hubCore: their callbacks complete on Netty threads (see the class comment).
    this.lease = new Lease(commands, node, where, stats, () -> this.core.execute(this::reregister));
    this.roulette = new RedisRoulette(commands, stats, this.core, where);
    this.presence = new RedisPresence(commands, stats, this.core, where, node);
  }

  /**
   * Connects to Redis at {@code uri} ({@code redis://HOST:PORT[/DB]}, or the master Sentinels name,
   * {@code redis-sentinel://HOST:PORT[,…][/DB]#MASTER}: each reconnect asks them again, so both
   * connections follow a failover) and registers this node's lease; callbacks go to {@code core},
   * lease renewals run on {@code timer}.
   */
  public static RedisDirectory connect(String uri, Executor core, ScheduledExecutorService timer) throws IOException {
    RedisURI redisUri = RedisURI.create(uri);
    redisUri.setTimeout(COMMAND_TIMEOUT);
    String where = (redisUri.getSentinelMasterId() == null ? redisUri.getHost() + ":" + redisUri.getPort()
        : redisUri.getSentinelMasterId() + "@" + redisUri.getSentinels().stream()
            .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","))) + "/" + redisUri.getDatabase();
    ClientResources resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, redisUri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(MAX_QUEUED)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).keepAlive(true).build())
        .build());
    StatefulRedisConnection<String, String> connection = null;
    try {
      connection = client.connect();
      StatefulRedisPubSubConnection<String, String> subscriber = client.connectPubSub();
      RedisDirectory directory = new RedisDirectory(resources, client, connection, subscriber, core, timer, where);
      directory.lease.register(directory.connection.sync());
      directory.publisher = Publisher.batching(directory.connection, directory.stats, directory.core); // after the blocking register
      log.info("Cluster node {} on Redis {}", directory.node, where);
      return directory;
    } catch (RedisException e) {
      if (connection != null) {
        connection.close();
      }
      client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
      resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw new IOException("Cannot reach Redis at " + where + ": " + e.getMessage(), e);
    }
  }

  /** This node's id in Redis (random per start). */
  public String node() {
    return node;
  }

  @Override
  public void start(Inbox inbox) {
    this.inbox = inbox;
    subscriber.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String message) {
        if (channel.startsWith(Keys.USER_CHANNEL)) {
          String key = channel.substring(Keys.USER_CHANNEL.length());
          inbound.execute(() -> inbox.deliver(key, message));
        } else if (channel.equals(Keys.EVENTS)) {
          inbound.execute(() -> event(message));
        } else if (channel.equals(Keys.NUDGE) && !message.equals(node)) {
          inbound.execute(inbox::nudged);
        }
      }
    });
    try {
      subscriber.sync().subscribe(Keys.EVENTS, Keys.NUDGE);
    } catch (RedisException e) {
      log.warn("Cannot subscribe to cluster events on Redis {}: {}", where, e.toString());
    }
    lease.start(timer);
  }

  /** Core executor: claims this node's names again ({@link Scripts#REREGISTER}). */
  private void reregister() {
    List<String> args = new ArrayList<>(1 + 3 * owned.size());
    args.add(node);
    owned.forEach((key, owner) -> {
      args.add(key);
      args.add(owner);
      args.add(Long.toString(places.getOrDefault(key, 0L)));
    });
    stats.timed(() -> commands.<List<String>>eval(Scripts.REREGISTER, ScriptOutputType.MULTI,
        new String[] {Keys.NAMES, Keys.NODES, ownedKey, Keys.ORDER, Keys.SEQ}, args.toArray(new String[0])))
        .whenComplete((lost, e) -> core.execute(() -> {
          if (e != null) {
            log.warn("Cannot claim this node's names again on Redis {} (next renewal retries): {}", where, e.toString());
            lease.lost();
            return;
          }
          for (String key : lost) {
            owned.remove(key);
            places.remove(key);
            unsubscribe(key);
          }
          log.info("Claimed {} names again on Redis {}; {} taken meanwhile by other nodes", owned.size(), where,
              lost.size());
          inbox.reregistered(lost);
        }));
  }

  /** Core executor: a {@code gone} or {@code moved} event (see {@link Scripts}). */
  private void event(String message) {
    String[] parts = message.split("\n", 3);
    if (parts.length != 3) {
      log.warn("Dropped a malformed cluster event");
      return;
    }
    String key = parts[1];
    String owner = parts[2];
    String mine = owned.get(key);
    if (parts[0].equals("moved")) {
      boolean here = owner.equals(mine);
      if (mine != null && !here) {
        owned.remove(key);
        places.remove(key);
        unsubscribe(key);
        forget(key, mine); // compare-and-delete: the name is the new login's already
      }
      inbox.moved(key, here);
    } else if (parts[0].equals("gone")) {
      String[] fields = owner.split(" ", 4);
      if (owner.equals(mine)) {
        log.warn("This node's lease had lapsed and a reaper freed the name of one of its users");
      } else if (fields.length == 4) {
        inbox.gone(key, fields[3], fields[2].startsWith(Keys.PEERJS_HASH));
      }
    } else if (parts[0].equals("pjopen")) {
      inbox.peerJsOpened(key);
    }
  }

  @Override
  public void claim(String key, Consumer<Claim> done) {
    claim(key, key, null, null, done);
  }

  @Override
  public void claim(String key, String name, String token, String presented, Consumer<Claim> done) {
    claimHashed(key, name, Keys.hash(token), presented == null ? "" : Keys.hash(presented), done);
  }

  @Override
  public void claimPeerJs(String key, String id, String token, Consumer<Claim> done) {
    String hash = Keys.PEERJS_HASH + Keys.hash(token); // never equal to a Peerphone token's hash
    claimHashed(key, id, hash, hash, done);
  }

  @Override
  public void announcePeerJs(String key) {
    stats.timed(() -> commands.publish(Keys.EVENTS, "pjopen\n" + key + "\n-"));
  }

  private void claimHashed(String key, String name, String hash, String presented, Consumer<Claim> done) {
    String owner = node + " " + ++logins + " " + hash + " " + name;
    stats.timed(() -> commands.<String>eval(Scripts.CLAIM, ScriptOutputType.VALUE, Keys.claimKeys(node), key,
        owner, node, presented))
        .whenComplete((reply, e) -> {
          String[] fields = reply == null ? new String[] {null} : reply.split(" ", 2);
          String answer = fields[0];
          if ("ok".equals(answer) || "resumed".equals(answer)) {
            boolean resumed = "resumed".equals(answer);
            long place = fields.length == 2 ? Long.parseLong(fields[1]) : 0;
            stats.timed(() -> subscriptions.subscribe(Keys.USER_CHANNEL + key))
                .whenComplete((ignored, failed) -> core.execute(() -> {
              if (failed != null) {
                log.warn("Cannot subscribe for a login on Redis {}: {}", where, failed.toString());
                forget(key, owner);
                done.accept(Claim.UNAVAILABLE);
              } else {
                owned.put(key, owner);
                places.put(key, place);
                done.accept(resumed ? Claim.RESUMED : Claim.CLAIMED);
                if (resumed) { // after the subscription: the peers' announcements must reach the user
                  stats.timed(() -> commands.publish(Keys.EVENTS, "moved\n" + key + "\n" + owner));
                }
              }
            }));
            return;
          }
          if (e != null) {
            log.warn("Cannot claim a name on Redis {}: {}", where, e.toString());
          } else if (!"taken".equals(answer) && !"settling".equals(answer)) {
            log.warn("Cannot claim a name on Redis {}: {}", where, answer);
          }
          core.execute(() -> {
            if (e != null) {
              forget(key, owner); // the claim may still run late (a frozen Redis): undo it then
            }
            done.accept("taken".equals(answer) ? Claim.TAKEN : Claim.UNAVAILABLE);
          });
        });
  }

  @Override
  public void deliverOn(Executor inbound) {
    this.inbound = inbound;
  }

  @Override
  public long clusterMillis() {
    return lease.clusterMillis();
  }

  @Override
  public boolean ready() {
    return lease.held() && connection.isOpen() && subscriber.isOpen() && !closed.get();
  }

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public int sharedQueueLength() {
    return stats.queueLength();
  }

  @Override
  public void renderMetrics(StringBuilder out) {
    stats.render(out, ready());
  }

  private void unsubscribe(String key) {
    stats.timed(() -> subscriptions.unsubscribe(Keys.USER_CHANNEL + key));
  }

  @Override
  public void roulette(String op, String key, String kind, Consumer<String> done) {
    roulette.request(op, key, kind, done);
  }

  @Override
  public void restoreRoulette(List<Waiting> users, Consumer<String> done) {
    roulette.restore(users, done);
  }

  @Override
  public void presence(Map<String, String> changes, int max, Consumer<List<Listed>> page) {
    presence.write(changes, max, page);
  }

  @Override
  public void retoken(String key, String token) {
    String old = owned.get(key);
    if (old == null) {
      return;
    }
    String[] fields = old.split(" ", 4);
    String owner = fields[0] + " " + fields[1] + " " + Keys.hash(token) + " " + fields[3];
    owned.put(key, owner);
    stats.timed(() -> commands.eval(Scripts.RETOKEN, ScriptOutputType.INTEGER, new String[] {Keys.NAMES}, key, old,
        owner)).exceptionally(e -> {
          log.warn("Cannot store a resumed login's token on Redis {}: {}", where, e.toString());
          return null;
        });
  }

  @Override
  public void release(String key) {
    String owner = owned.remove(key);
    places.remove(key);
    if (owner == null) {
      return;
    }
    unsubscribe(key);
    forget(key, owner);
  }

  /** Deletes the claim {@code owner} of {@code key} if it is still that one (compare-and-delete). */
  private void forget(String key, String owner) {
    stats.timed(() -> commands.eval(Scripts.RELEASE, ScriptOutputType.INTEGER,
        new String[] {Keys.NAMES, ownedKey, Keys.PRESENCE, Keys.ORDER}, key, owner)).exceptionally(e -> {
          log.warn("Cannot release a name on Redis {}: {}", where, e.toString());
          return null;
        });
  }

  @Override
  public void send(String targetKey, String envelope, Runnable delivered, Consumer<Delivery> done) {
    publisher.send(targetKey, envelope, delivered == ON_CORE ? () -> core.execute(() -> done.accept(Delivery.DELIVERED))
        : delivered, done);
  }

  @Override
  public void flush() {
    publisher.flush();
  }

  /** Frees this node's names and lease in Redis, then closes the connections. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    lease.stop();
    publisher.stopBatching();
    try {
      connection.sync().eval(Scripts.REAP, ScriptOutputType.INTEGER, Keys.reapKeys(node), node, "always");
    } catch (RuntimeException e) {
      log.warn("Cannot free this node's names on Redis {} (its lease will lapse): {}", where, e.toString());
    }
    subscriber.close();
    connection.close();
    client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
    resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    callbacks.shutdown();
  }
}
