package dev.peerphone.signaling.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Where the hub finds users it does not hold itself: the seam between the single-threaded
 * {@link Hub} and a cluster of nodes (docs/CLUSTER.md). {@link #local()} is a single node, today's
 * server: every name is free once no local user holds it, and nobody else can be reached.
 *
 * <p>Threading: the hub calls every method on its core executor, and every callback
 * ({@code done}, {@link Inbox#deliver}) runs on that executor too, so the hub never blocks and
 * never shares state. An implementation may call back inline (the local one does) or later.
 */
public interface Directory {
  /** The outcome of claiming a name cluster-wide. */
  enum Claim {
    /** This node holds the name now; messages to it arrive through the {@link Inbox}. */
    CLAIMED,
    /**
     * This node holds the name now, taken from another node (dead or alive) with the resume token
     * the name was held with: the user's calls go on, and the old node drops its connection.
     */
    RESUMED,
    /** A live node holds it. */
    TAKEN,
    /** The directory cannot decide now (Redis unreachable or slow, or this node's lease lapsed). */
    UNAVAILABLE
  }

  /** The outcome of sending to a user of another node. */
  enum Delivery {
    DELIVERED,
    /** Online nowhere else. */
    UNKNOWN_USER,
    UNAVAILABLE,
    /**
     * Reached no node, but the name is held (or Redis was just emptied or is settling): its node's
     * subscription is not back yet after a reconnect or failover, or its node just died and the
     * user may resume. Try again; not {@code unknown-user}, so no call is forgotten for it.
     */
    UNSETTLED
  }

  /** Messages from other nodes to users of this node; called on the core executor. */
  interface Inbox {
    /** {@code envelope} (see {@link Envelope}) for the user whose name key is {@code targetKey}. */
    void deliver(String targetKey, String envelope);

    /**
     * The user {@code key} logged in again with its resume token on another node ({@code here}
     * false) or on this one ({@code here} true): a connection of this node that still holds the
     * name is superseded (closed with 4001, nobody told), and users of this node in a call or
     * ringing with {@code key} announce it to the user's new node.
     */
    default void moved(String key, boolean here) {}

    /**
     * The user {@code key} (shown as {@code name}; {@code peerJs}: a PeerJS client) of a dead node
     * did not come back and its name was freed: users of this node in a call or ringing with it
     * get {@code leave} (PeerJS clients: {@code LEAVE}, from a Peerphone user only).
     */
    default void gone(String key, String name, boolean peerJs) {}

    /** The PeerJS id {@code key} registered on a node (maybe this one): messages queued for it here go now. */
    default void peerJsOpened(String key) {}

    /**
     * This node claimed its names again after its lease had lapsed (Redis restarted): the users
     * whose names live nodes took meanwhile ({@code lost}) must go, the presence list and roulette
     * queue be written again.
     */
    default void reregistered(List<String> lost) {}

    /** Another node changed the cluster's presence list: read it again (debounced). */
    default void nudged() {}
  }

  /** One entry of the cluster's presence list: a name key and its {@code {name,status}} JSON. */
  record Listed(String key, String json) {}

  /**
   * The cluster's clock in ms, by which nodes stamp and judge the age of their messages: this
   * node's clock on a single node; Redis's clock as estimated at each lease renewal on a cluster
   * node, so the nodes' own clocks need not agree. Any thread.
   */
  default long clusterMillis() {
    return System.currentTimeMillis();
  }

  /**
   * Whether this node can serve: always for a single node; for a cluster node, the directory is
   * reachable and this node's lease is held. Any thread.
   */
  default boolean ready() {
    return true;
  }

  /**
   * The cluster's roulette queue length as last read (a cluster node; -1 on a single node, whose
   * queue is the hub's own). Any thread.
   */
  default int sharedQueueLength() {
    return -1;
  }

  /**
   * Appends this directory's own {@code /metrics} series (Prometheus text), e.g. a cluster node's
   * Redis round trips and errors; nothing on a single node. Any thread.
   */
  default void renderMetrics(StringBuilder out) {}

  /**
   * Whether presence lists ({@link #presence}) and the roulette ({@link #roulette}) are the
   * cluster's rather than this node's.
   */
  default boolean clustered() {
    return false;
  }

  /**
   * A roulette request of the user {@code key} ({@code find}, {@code next}, {@code stop}, or
   * {@code remove} when it disconnects), decided cluster-wide; matches and partings reach users
   * through the {@link Inbox} as {@code match} and {@code rleave} envelopes. {@code done} gets the
   * answer ({@code remove}: the partner's key or empty), or null if the directory is unavailable.
   */
  default void roulette(String op, String key, Consumer<String> done) {
    roulette(op, key, "", done);
  }

  /**
   * {@link #roulette(String, String, Consumer)} for a {@code find} or {@code next} of a user of
   * roulette kind {@code kind}: {@code j} a PeerJS client, {@code p} a Peerphone user that takes
   * PeerJS calls, {@code c} one that does not (a page is never paired with it); empty for other
   * ops. The answer
   * {@code queued 0 NAME} names the partner it was just paired with.
   */
  default void roulette(String op, String key, String kind, Consumer<String> done) {
    done.accept(null);
  }

  /**
   * After a Redis restart: writes back this node's users' roulette state (queue places, pairs,
   * "just left" bonds) and matches whoever can be matched now. {@code done} gets null if the
   * directory is unavailable.
   */
  default void restoreRoulette(List<Waiting> users, Consumer<String> done) {
    done.accept(null);
  }

  /**
   * One user's roulette state: its arrival number in the queue ({@code 0}: queued, number unknown;
   * {@code -1}: not queued), its partner's key and the key of the partner it last left via
   * {@code next} (each null if none).
   */
  record Waiting(String key, long arrival, String partnerKey, String leftKey) {}

  /**
   * Writes this node's presence {@code changes} (name key → {@code {name,status}} JSON, or null for
   * a user who left), then reads the cluster's first {@code max} entries in login order, handed
   * to {@code page} (null if the directory is unavailable).
   */
  default void presence(Map<String, String> changes, int max, Consumer<List<Listed>> page) {
    page.accept(null);
  }

  /** Starts delivering to {@code inbox}; called once, before any other method. */
  void start(Inbox inbox);

  /**
   * From now on, hand what arrives from other nodes to {@code inbound} (any thread), which runs
   * each task on the core executor in posting order — from the selector thread, so relayed
   * frames are written straight to the sockets. Default: nothing arrives, nothing to do.
   */
  default void deliverOn(Executor inbound) {}

  /**
   * Core executor, when the core has run everything waiting: sends what this directory held back
   * to send together (the publishes of one read). Default: nothing is held back.
   */
  default void flush() {}

  /**
   * Claims the name {@code key} (a {@link dev.peerphone.signaling.protocol.Names#key}) for this
   * node. The hub asks only for names no local user holds.
   */
  void claim(String key, Consumer<Claim> done);

  /**
   * Claims the name {@code key} (shown as {@code name}) for a login that will get the resume token
   * {@code token}; {@code presented} is the token the client sent (null if none): if the name is
   * held on another node with that token, it is taken over ({@link Claim#RESUMED}), lease or not.
   */
  default void claim(String key, String name, String token, String presented, Consumer<Claim> done) {
    claim(key, done);
  }

  /**
   * Claims the id {@code key} (shown as {@code id}) for a PeerJS client whose PeerServer token is
   * {@code token}: as a login's claim in the same namespace, but a PeerJS token resumes only a
   * PeerJS client's claim ({@link Claim#RESUMED}: a same-token reconnect), never a Peerphone
   * login's, and no Peerphone resume token resumes a PeerJS client's.
   */
  default void claimPeerJs(String key, String id, String token, Consumer<Claim> done) {
    claim(key, done);
  }

  /** This node registered the PeerJS id {@code key}: every node gets {@link Inbox#peerJsOpened}. */
  default void announcePeerJs(String key) {}

  /** A login of this node resumed here with the new resume token {@code token}. */
  default void retoken(String key, String token) {}

  /** Gives up a name this node claimed; unknown names are ignored. */
  void release(String key);

  /** Sends {@code envelope} to the user {@code targetKey}, who is not on this node; {@code done} on the core executor. */
  default void send(String targetKey, String envelope, Consumer<Delivery> done) {
    send(targetKey, envelope, ON_CORE, done);
  }

  /**
   * Sends {@code envelope} to the user {@code targetKey}, who is not on this node. If it was
   * delivered, {@code delivered} runs <em>on any thread</em> (so it must only touch thread-safe
   * counters; a directory may then skip the hand-off to the core, which is most of a cross-node
   * relay's cost at light load) — unless it is {@link #ON_CORE}: then {@code done} gets
   * {@link Delivery#DELIVERED} on the core executor. Every other outcome goes to {@code done} on
   * the core executor.
   */
  void send(String targetKey, String envelope, Runnable delivered, Consumer<Delivery> done);

  /** For {@link #send(String, String, Runnable, Consumer)}: report delivery to {@code done} on the core. */
  Runnable ON_CORE = () -> {};

  /** Gives up every name and stops; called once, after the connections closed. */
  void close();

  /** A single node: exactly the server without a cluster. */
  static Directory local() {
    return Local.INSTANCE;
  }

  /** The single node: it calls back inline; nobody is on another node. */
  final class Local implements Directory {
    static final Local INSTANCE = new Local();

    private Local() {}

    @Override
    public void start(Inbox inbox) {}

    @Override
    public void claim(String key, Consumer<Claim> done) {
      done.accept(Claim.CLAIMED);
    }

    @Override
    public void release(String key) {}

    @Override
    public void send(String targetKey, String envelope, Runnable delivered, Consumer<Delivery> done) {
      done.accept(Delivery.UNKNOWN_USER);
    }

    @Override
    public void close() {}
  }
}
