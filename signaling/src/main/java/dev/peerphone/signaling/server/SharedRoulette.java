package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The roulette of a cluster node: the queue, pairs and "just left" bonds are the cluster's, decided
 * by the directory (one Lua script in Redis: the same rules as {@link Roulette}); this node keeps
 * only what its users' statuses need ({@link Session#queued}, {@link Session#rouletteKey}) and
 * ends the calls of a pair that parts. Confined to the core thread, like the hub.
 */
final class SharedRoulette {
  static final String UNAVAILABLE_MESSAGE =
      "The cluster directory is unreachable, so the roulette cannot match now; try again in a few seconds";
  private final Directory directory;
  private final Map<String, Session> byKey;
  private final Metrics metrics;
  private final Presence presence;

  SharedRoulette(Directory directory, Map<String, Session> byKey, Metrics metrics, Presence presence) {
    this.directory = directory;
    this.byKey = byKey;
    this.metrics = metrics;
    this.presence = presence;
  }

  /** {@code find}, {@code next} or {@code stop} from {@code s}. */
  void request(Session s, String op) {
    request(s, op, answer -> {});
  }

  /**
   * As {@link #request(Session, String)}; {@code answered} gets the directory's answer on the core
   * ({@code queued N}, {@code queued 0 NAME} when just paired with NAME, {@code stopped}), or null
   * if the directory is unavailable (then {@code s} was told).
   */
  void request(Session s, String op, Consumer<String> answered) {
    if (op.equals("find") && s.queued && !s.isPeerJs()) { // a page asking again is answered anew
      answered.accept("queued " + s.arrival);
      return;
    }
    if (s.rouletteKey != null) { // find while matched acts as next
      if (!op.equals("stop")) {
        s.leftKey = s.rouletteKey;
      }
      part(s, s.rouletteKey);
    }
    s.queued = !op.equals("stop");
    s.arrival = 0;
    directory.roulette(op, s.key, op.equals("stop") ? "" : kind(s), answer -> {
      if (answer == null) {
        refused(s);
      } else if (s.queued && answer.startsWith("queued ")) {
        String[] fields = answer.split(" ", 3);
        s.arrival = Long.parseLong(fields[1]);
      }
      answered.accept(answer);
    });
  }

  /** {@code s}'s kind for the cluster's roulette (see {@link Directory#roulette(String, String, String, Consumer)}). */
  private static String kind(Session s) {
    return s.isPeerJs() ? "j" : s.acceptsPeerJs ? "p" : "c";
  }

  private void refused(Session s) {
    s.queued = false;
    if (!s.isPeerJs()) { // a page hears of it in its /find answer (503)
      metrics.error(ErrorCode.RATE_LIMITED);
      s.link.send(ServerMessages.error(ErrorCode.RATE_LIMITED, UNAVAILABLE_MESSAGE));
    }
    presence.changed();
  }

  /**
   * {@code s} and its roulette partner {@code partnerKey} ended their call by {@code leave} or
   * {@code reject}: they are no pair any more (no "just left" bond, as on one node). True if they
   * were paired.
   */
  boolean ended(Session s, String partnerKey) {
    if (!partnerKey.equals(s.rouletteKey)) {
      return false;
    }
    s.rouletteKey = null;
    directory.roulette("unpair", s.key, ignored -> {});
    return true;
  }

  /**
   * The directory lost the roulette (Redis restarted): this node's users' queue places, pairs and
   * "just left" bonds are written back, so the queue keeps its order and next and the
   * no-instant-rematch rule behave as before.
   */
  void restore(Iterable<Session> users) {
    List<Directory.Waiting> state = new ArrayList<>();
    List<Session> waiting = new ArrayList<>();
    for (Session s : users) {
      if (s.queued || s.rouletteKey != null || s.leftKey != null) {
        state.add(new Directory.Waiting(s.key, s.queued ? s.arrival : -1, s.rouletteKey, s.leftKey));
      }
      if (s.queued) {
        waiting.add(s);
      }
    }
    if (state.isEmpty()) {
      return;
    }
    directory.restoreRoulette(state, answer -> {
      if (answer == null) {
        waiting.stream().filter(s -> s.queued && !s.closed).forEach(this::refused);
      }
    });
  }

  /**
   * {@code s} disconnects: it leaves the queue and its pair, and its partner becomes one of the
   * peers the hub (this node) or {@code CrossNode} (another node) sends {@code leave}.
   */
  void disconnected(Session s) {
    String partner = s.rouletteKey;
    s.rouletteKey = null;
    if (s.queued || partner != null || s.isPeerJs()) { // a page may have asked /find through another node
      directory.roulette("remove", s.key, ignored -> {});
    }
    if (partner == null) {
      return;
    }
    Session local = byKey.get(partner);
    if (local != null) {
      local.rouletteKey = null;
      s.calls.add(local);
    } else {
      s.remoteCalls.add(partner);
    }
  }

  /**
   * A {@code match}, {@code rleave}, {@code rstop} or {@code rqueued} envelope for {@code t} from
   * {@code senderKey}.
   */
  void deliver(Session t, String type, String senderKey, String json) {
    if (type.equals(Envelope.ROULETTE_QUEUED)) {
      if (t.rouletteKey == null && !t.queued) {
        t.queued = true;
        t.arrival = Long.parseLong(json);
        presence.changed();
      }
      return;
    }
    if (type.equals(Envelope.MATCH)) {
      t.queued = false;
      t.rouletteKey = senderKey;
      t.leftKey = null;
    } else if (senderKey.equals(t.rouletteKey)) {
      part(t, senderKey);
      if (type.equals(Envelope.ROULETTE_LEAVE)) { // left by next: the "just left" bond (ROULETTE_STOP: none)
        t.leftKey = senderKey;
      }
    } else {
      return; // a parting this node already knew of
    }
    if (!t.isPeerJs()) { // a page is told nothing it would not understand
      t.link.send(json);
    }
    presence.changed();
  }

  /** Ends {@code s}'s pair with {@code partnerKey} here: their roulette bond and their call. */
  private void part(Session s, String partnerKey) {
    s.rouletteKey = null;
    Session local = byKey.get(partnerKey);
    if (local != null) {
      s.calls.remove(local);
      local.calls.remove(s);
      s.ringing.remove(local);
      local.ringing.remove(s);
    }
    s.remoteCalls.remove(partnerKey);
    s.remoteRinging.remove(partnerKey);
  }
}
