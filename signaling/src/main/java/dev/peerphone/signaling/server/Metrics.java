package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ErrorCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Counters for {@code /metrics}, written by any thread, rendered as Prometheus text. A cluster
 * node ({@link Directory#clustered}) adds the cross-node series and its directory's own (Redis)
 * series; a single node renders exactly what it always did.
 */
final class Metrics {
  /** The envelope types counted between nodes (see {@link Envelope}); any other counts as "other". */
  private static final String[] CROSS_NODE_TYPES = {"offer", "answer", "candidate", "leave", "call", "accept",
      "reject", "chat", Envelope.REPLY, Envelope.MATCH, Envelope.ROULETTE_LEAVE, Envelope.BOND_CALL,
      Envelope.BOND_RING, Envelope.BOND_ROULETTE, "other"};
  private final Map<String, LongAdder> relayed = new TreeMap<>();
  private final Map<String, LongAdder> crossSent = new TreeMap<>();
  private final Map<String, LongAdder> crossReceived = new TreeMap<>();
  private final Map<CrossNodeDrop, LongAdder> crossDropped = new EnumMap<>(CrossNodeDrop.class);
  private final Map<ErrorCode, LongAdder> errors = new EnumMap<>(ErrorCode.class);
  private final LongAdder iceRequests = new LongAdder();
  private final Map<Refusal, LongAdder> refusals = new EnumMap<>(Refusal.class);
  private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
  private final LongAdder resumedLogins = new LongAdder();
  /** Sockets accepted and not closed yet, both ports, whatever their state (see ConnectionGate). */
  final AtomicInteger sockets = new AtomicInteger();
  volatile int connections;
  volatile int users;
  /** PeerJS clients registered (counted in {@link #users} too), and absent ids with queued messages. */
  volatile int peerJsClients;
  volatile int peerJsQueuedIds;
  volatile int queueLength;
  /**
   * Entries of the hub's per-user and per-address tables, refreshed about once a second by the
   * core thread (see Hub#refreshTableGauges), so a soak can tell whether anything grows.
   */
  volatile int callPairs;
  volatile int ringingPairs;
  volatile int awaitingLogin;
  volatile int loginRateAddresses;
  volatile int nameAddresses;
  /** Addresses with at least one socket counted against the per-address cap. */
  volatile IntSupplier socketAddresses = () -> 0;
  /** Set once the directory is connected: a cluster node's adds its own series (Redis). */
  volatile Directory directory = Directory.local();

  /** Why a message from another node was not delivered, as {@code /metrics} counts it. */
  enum CrossNodeDrop {
    /** Older than {@link CrossNode#MAX_AGE_MS}: Redis delivered it late (it was frozen). */
    STALE("stale"),
    MALFORMED("malformed"),
    UNKNOWN_TYPE("unknown-type"),
    /** The target left this node just before it arrived (as a relay that crosses a disconnect). */
    NO_USER("no-user");

    private final String wire;

    CrossNodeDrop(String wire) {
      this.wire = wire;
    }
  }

  Metrics() {
    for (String type : new String[] {"offer", "answer", "candidate", "leave", "call", "accept",
        "reject", "chat", "peerjs"}) {
      relayed.put(type, new LongAdder());
    }
    for (Refusal cause : Refusal.values()) {
      refusals.put(cause, new LongAdder());
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, new LongAdder());
    }
    for (Drop cause : Drop.values()) {
      drops.put(cause, new LongAdder());
    }
    for (String type : CROSS_NODE_TYPES) {
      crossSent.put(type, new LongAdder());
      crossReceived.put(type, new LongAdder());
    }
    for (CrossNodeDrop cause : CrossNodeDrop.values()) {
      crossDropped.put(cause, new LongAdder());
    }
  }

  /** An envelope of {@code type} this node published reached the node of its target. */
  void crossNodeSent(String type) {
    crossSent.getOrDefault(type, crossSent.get("other")).increment();
  }

  /** An envelope of {@code type} from another node was delivered to (or handled for) a user here. */
  void crossNodeReceived(String type) {
    crossReceived.getOrDefault(type, crossReceived.get("other")).increment();
  }

  void crossNodeDropped(CrossNodeDrop cause) {
    crossDropped.get(cause).increment();
  }

  void relayed(String type) {
    relayed.get(type).increment();
  }

  void iceRequested() {
    iceRequests.increment();
  }

  void refused(Refusal cause) {
    refusals.get(cause).increment();
  }

  void dropped(Drop cause) {
    drops.get(cause).increment();
  }

  void resumedLogin() {
    resumedLogins.increment();
  }

  void error(ErrorCode code) {
    errors.get(code).increment();
  }

  String render() {
    StringBuilder out = new StringBuilder(2048);
    gauge(out, "peerphone_connections", "Open WebSocket connections.", connections);
    gauge(out, "peerphone_users", "Logged-in users.", users);
    gauge(out, "peerphone_peerjs_clients", "PeerJS clients registered (PeerServer mode; also in peerphone_users).",
        peerJsClients);
    gauge(out, "peerphone_peerjs_queued_ids", "Absent PeerJS ids with messages waiting for them (PeerServer mode).",
        peerJsQueuedIds);
    int open = connections;
    int users = this.users;
    out.append("# HELP peerphone_connections_by_state Sockets by state: handshaking (accepted, request "
            + "not complete), open (WebSocket, not logged in), logged_in.\n")
        .append("# TYPE peerphone_connections_by_state gauge\n")
        .append("peerphone_connections_by_state{state=\"handshaking\"} ")
        .append(Math.max(0, sockets.get() - open)).append('\n')
        .append("peerphone_connections_by_state{state=\"open\"} ").append(Math.max(0, open - users)).append('\n')
        .append("peerphone_connections_by_state{state=\"logged_in\"} ").append(users).append('\n');
    counters(out, "peerphone_refusals_total", "Connections and logins refused, by cause.", "cause", refusals,
        Refusal::wire);
    counters(out, "peerphone_dropped_connections_total", "Admitted connections the server cut off, by cause.",
        "cause", drops, Drop::wire);
    out.append("# HELP peerphone_resumed_logins_total Logins that took over their name with a resume token.\n")
        .append("# TYPE peerphone_resumed_logins_total counter\n")
        .append("peerphone_resumed_logins_total ").append(resumedLogins.sum()).append('\n');
    Directory directory = this.directory;
    boolean cluster = directory.clustered();
    if (cluster) {
      gauge(out, "peerphone_roulette_queue_length", "Users waiting in the roulette queue: on a cluster node the "
          + "cluster's one queue, read from Redis every second (every node shows the same).",
          Math.max(0, directory.sharedQueueLength()));
    } else {
      gauge(out, "peerphone_roulette_queue_length", "Users waiting in the roulette queue.", queueLength);
    }
    out.append("# HELP peerphone_table_entries Entries of the server's per-user and per-address tables: "
            + "call and ringing pairs, connections awaiting login, addresses with a login-rate bucket, "
            + "with names held, with sockets counted (refreshed every second).\n")
        .append("# TYPE peerphone_table_entries gauge\n");
    table(out, "call_pairs", callPairs);
    table(out, "ringing_pairs", ringingPairs);
    table(out, "awaiting_login", awaitingLogin);
    table(out, "login_rate_addresses", loginRateAddresses);
    table(out, "name_addresses", nameAddresses);
    table(out, "socket_addresses", socketAddresses.getAsInt());
    counters(out, "peerphone_relayed_messages_total", "Messages relayed to another user, by type.", "type", relayed,
        type -> type);
    out.append("# HELP peerphone_ice_requests_total ice requests answered with fresh credentials.\n")
        .append("# TYPE peerphone_ice_requests_total counter\n")
        .append("peerphone_ice_requests_total ").append(iceRequests.sum()).append('\n');
    counters(out, "peerphone_errors_total", "Error replies sent, by code.", "code", errors, ErrorCode::wire);
    if (cluster) {
      renderCrossNode(out);
      directory.renderMetrics(out);
    }
    return out.toString();
  }

  private void renderCrossNode(StringBuilder out) {
    out.append("# HELP peerphone_cross_node_messages_total Messages between users of this node and users of other "
            + "nodes through Redis, by envelope type: sent (published and received by the target's node), received "
            + "(from another node, or from Redis's roulette, handled for a user of this node).\n")
        .append("# TYPE peerphone_cross_node_messages_total counter\n");
    crossSent.forEach((type, n) -> out.append("peerphone_cross_node_messages_total{direction=\"sent\",type=\"")
        .append(type).append("\"} ").append(n.sum()).append('\n'));
    crossReceived.forEach((type, n) -> out.append("peerphone_cross_node_messages_total{direction=\"received\",type=\"")
        .append(type).append("\"} ").append(n.sum()).append('\n'));
    counters(out, "peerphone_cross_node_dropped_total", "Messages from other nodes not delivered, by cause: stale "
        + "(older than 3 s: Redis delivered it late), malformed, unknown-type, no-user (the target had just left).",
        "cause", crossDropped, cause -> cause.wire);
  }

  /** A counter family with one label: HELP, TYPE, then one line per key in the map's order. */
  private static <K> void counters(StringBuilder out, String name, String help, String label, Map<K, LongAdder> values,
      Function<K, String> wire) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n");
    values.forEach((key, n) -> out.append(name).append('{').append(label).append("=\"").append(wire.apply(key))
        .append("\"} ").append(n.sum()).append('\n'));
  }

  private static void table(StringBuilder out, String table, int value) {
    out.append("peerphone_table_entries{table=\"").append(table).append("\"} ").append(value).append('\n');
  }

  private static void gauge(StringBuilder out, String name, String help, int value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(value).append('\n');
  }
}
