package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ClientMessage;
import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.Names;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays between users of this node and users of other nodes, through the {@link Directory}:
 * the sender's node stamps the sender and tracks its side of calls and ringing
 * ({@link Session#remoteCalls}, {@link Session#remoteRinging}); the target's node tracks its
 * side from the {@link Envelope}'s type, answers a {@code call} for a classic page as the hub
 * does for a local one, and delivers the JSON as is. A relay between two users of this node
 * never comes here. Confined to the core thread, like the hub.
 */
final class CrossNode {
  private static final Logger log = LoggerFactory.getLogger(CrossNode.class);
  static final String UNAVAILABLE_MESSAGE =
      "The cluster directory is unreachable: users on other nodes cannot be reached now; try again in a few seconds";
  static final String UNSETTLED_MESSAGE =
      "This user's server is reconnecting to the cluster and cannot be reached this moment; try again in a second";

  /** A message from another node older than this is dropped, not delivered late. */
  static final long MAX_AGE_MS = 3_000;
  /** The envelope types {@link #deliver} handles. */
  private static final Set<String> KNOWN_TYPES = Set.of("offer", "answer", "candidate", "leave", "call", "accept",
      "reject", "chat", Envelope.REPLY, Envelope.MATCH, Envelope.ROULETTE_LEAVE, Envelope.BOND_CALL,
      Envelope.BOND_RING, Envelope.BOND_ROULETTE, Envelope.ROULETTE_STOP, Envelope.ROULETTE_QUEUED, PeerJsCluster.PJ,
      PeerJsCluster.PJ_PEERPHONE, PeerJsCluster.PJ_BOUNCE, PeerJsCluster.PJ_GONE);
  private final Directory directory;
  private final Map<String, Session> byKey;
  private final Metrics metrics;
  private final Presence presence;
  private final SharedRoulette roulette;
  /** Envelopes that involve PeerJS clients. */
  private final PeerJsCluster peerJs;

  CrossNode(Directory directory, Map<String, Session> byKey, Metrics metrics, Presence presence,
      SharedRoulette roulette, PeerJsCluster peerJs) {
    this.peerJs = peerJs;
    this.roulette = roulette;
    this.directory = directory;
    this.byKey = byKey;
    this.metrics = metrics;
    this.presence = presence;
  }

  /** {@code s} addressed {@code m} to a name no user of this node holds. */
  void send(Session s, ClientMessage.Targeted m) {
    if (Names.validOrNull(m.target()) == null) {
      unknownUser(s, m.target()); // nobody can hold it: no need to ask Redis
      return;
    }
    String target = Names.key(m.target());
    String type;
    String json;
    boolean busyChanged = false;
    if (m instanceof ClientMessage.Signal signal) {
      type = signal.type();
      json = ServerMessages.signal(type, s.quotedName, signal.payloadJson());
      if (!(signal instanceof ClientMessage.Candidate)) {
        s.remoteRinging.remove(target);
        busyChanged = s.remoteCalls.add(target);
      }
    } else if (m instanceof ClientMessage.Call) {
      type = "call";
      json = ServerMessages.fromSender(type, s.quotedName);
      s.remoteRinging.add(target);
    } else if (m instanceof ClientMessage.Accept) {
      type = "accept";
      json = ServerMessages.fromSender(type, s.quotedName);
      s.remoteRinging.remove(target);
      busyChanged = s.remoteCalls.add(target);
    } else if (m instanceof ClientMessage.Reject r) {
      type = "reject";
      json = ServerMessages.reject(s.quotedName, r.reason());
      busyChanged = forget(s, target) | roulette.ended(s, target);
    } else if (m instanceof ClientMessage.Leave) {
      type = "leave";
      json = ServerMessages.fromSender(type, s.quotedName);
      busyChanged = forget(s, target) | roulette.ended(s, target);
    } else if (m instanceof ClientMessage.Chat c) {
      type = "chat";
      json = ServerMessages.chat(s.quotedName, c.text());
    } else {
      throw new IllegalStateException("unhandled message " + m);
    }
    String relayedType = type;
    Consumer<Directory.Delivery> failed = delivery -> {
      switch (delivery) {
        case DELIVERED -> {
          metrics.relayed(relayedType);
          presence.changed();
        }
        case UNKNOWN_USER -> {
          s.remoteCalls.remove(target);
          s.remoteRinging.remove(target);
          unknownUser(s, m.target());
        }
        case UNAVAILABLE, UNSETTLED -> {
          metrics.error(ErrorCode.RATE_LIMITED);
          s.link.send(ServerMessages.error(ErrorCode.RATE_LIMITED,
              delivery == Directory.Delivery.UNAVAILABLE ? UNAVAILABLE_MESSAGE : UNSETTLED_MESSAGE));
        }
      }
    };
    // Only a presence change needs the core once delivered; a plain relay is counted where Redis answered.
    publish(target, type, s.key, json, busyChanged ? Directory.ON_CORE : () -> metrics.relayed(relayedType), failed);
  }

  /** A message from another node for the user {@code targetKey} of this node. */
  void deliver(String targetKey, String text) {
    Envelope e = Envelope.decode(text);
    if (e == null) {
      metrics.crossNodeDropped(Metrics.CrossNodeDrop.MALFORMED);
      log.warn("Dropped a malformed message from another node for {}", targetKey);
      return;
    }
    long age = e.sentMillis() < 0 ? 0 : directory.clusterMillis() - e.sentMillis();
    if (age > MAX_AGE_MS) {
      metrics.crossNodeDropped(Metrics.CrossNodeDrop.STALE);
      log.warn("Dropped a {} from another node sent {} ms ago (Redis delivered it late)", e.type(), age);
      return;
    }
    Session t = byKey.get(targetKey);
    if (t == null || t.closed) {
      metrics.crossNodeDropped(Metrics.CrossNodeDrop.NO_USER);
      return; // left just now: like a relay that crosses a disconnect on one node
    }
    if (!KNOWN_TYPES.contains(e.type())) {
      metrics.crossNodeDropped(Metrics.CrossNodeDrop.UNKNOWN_TYPE);
      log.warn("Dropped a message of unknown type {} from another node", e.type());
      return;
    }
    if (peerJs.deliver(t, e)) {
      return; // from or for a PeerJS client
    }
    metrics.crossNodeReceived(e.type());
    String sender = e.senderKey();
    switch (e.type()) {
      case "offer", "answer", "accept" -> {
        t.remoteRinging.remove(sender);
        if (t.remoteCalls.add(sender)) {
          presence.changed();
        }
      }
      case "call" -> {
        if (!t.ring) {
          // A classic page answers offers at once and ignores call: answer for it (PROTOCOL, Features).
          String reply = t.inCall() ? ServerMessages.reject(t.quotedName, "busy")
              : ServerMessages.autoAccept(t.quotedName);
          publish(sender, Envelope.REPLY, targetKey, reply);
          return;
        }
        t.remoteRinging.add(sender);
      }
      case "leave", "reject", PeerJsCluster.PJ_GONE -> {
        boolean paired = sender.equals(t.rouletteKey);
        if (paired) {
          t.rouletteKey = null;
        }
        if (forget(t, sender) | paired) {
          presence.changed();
        }
      }
      case Envelope.MATCH, Envelope.ROULETTE_LEAVE, Envelope.ROULETTE_STOP, Envelope.ROULETTE_QUEUED -> {
        roulette.deliver(t, e.type(), sender, e.json());
        return;
      }
      case Envelope.BOND_ROULETTE -> {
        t.rouletteKey = sender;
        presence.changed();
        return;
      }
      case Envelope.REPLY -> t.remoteRinging.remove(sender);
      case Envelope.BOND_CALL -> {
        Session from = byKey.get(sender);
        if (from != null && !from.remoteCalls.contains(targetKey) && !from.calls.contains(t)) {
          return; // the peer is on this node and ended the call since it announced it: stale
        }
        t.remoteRinging.remove(sender);
        if (t.remoteCalls.add(sender)) {
          presence.changed();
        }
        return;
      }
      case Envelope.BOND_RING -> {
        Session from = byKey.get(sender);
        if (from == null || from.remoteRinging.contains(targetKey) || from.ringing.contains(t)) {
          t.remoteRinging.add(sender); // else the peer is on this node and stopped ringing since: stale
        }
        return;
      }
      default -> { } // candidate, chat: no state
    }
    if (!t.isPeerJs()) {
      t.link.send(e.json());
    } else if (e.type().equals("leave")) { // a Peerphone user left it: PeerJS's LEAVE
      PeerJsCluster.tellGone(t, quotedSender(e.json()), false);
    }
  }

  /**
   * {@code s} disconnected: every peer on another node it was in a call or ringing with gets
   * {@code leave}; a peer that is on this node by now (a resume) is told here unless it is among
   * {@code told}, the hub's local peers it already told.
   */
  void disconnected(Session s, Set<Session> told) {
    Set<String> peers = new LinkedHashSet<>(s.remoteCalls);
    peers.addAll(s.remoteRinging);
    s.remoteCalls.clear();
    s.remoteRinging.clear();
    if (peers.isEmpty()) {
      return;
    }
    String leave = ServerMessages.fromSender("leave", s.quotedName);
    for (String peer : peers) {
      Session local = byKey.get(peer);
      if (local != null) { // came to this node since (a resume): told here, once
        boolean wasBusy = local.remoteCalls.remove(s.key);
        local.remoteRinging.remove(s.key);
        if (!told.contains(local)) {
          PeerJsCluster.tellGone(local, s.quotedName, s.isPeerJs());
        }
        if (wasBusy) {
          presence.changed();
        }
      } else {
        publish(peer, s.isPeerJs() ? PeerJsCluster.PJ_GONE : "leave", s.key, leave);
      }
    }
  }

  /**
   * The user {@code key} resumed on another node (or on this one, from a dead node): every user of
   * this node in a call or ringing with it tells its new node, which did not know.
   */
  void announce(String key) {
    for (Session u : byKey.values()) {
      String type = u.remoteCalls.contains(key) ? Envelope.BOND_CALL
          : u.remoteRinging.contains(key) ? Envelope.BOND_RING : null;
      if (key.equals(u.key)) {
        continue;
      }
      if (type != null) {
        publish(key, type, u.key, "");
      }
      if (key.equals(u.rouletteKey)) {
        publish(key, Envelope.BOND_ROULETTE, u.key, "");
      }
    }
  }

  /** The user {@code key} of a dead node did not come back: its peers here get {@code leave}. */
  void gone(String key, String name, boolean peerJs) {
    String quoted = null;
    boolean busyChanged = false;
    for (Session u : byKey.values()) {
      boolean inCall = u.remoteCalls.remove(key) | key.equals(u.rouletteKey);
      if (key.equals(u.rouletteKey)) {
        u.rouletteKey = null;
      }
      if (inCall | u.remoteRinging.remove(key)) {
        busyChanged |= inCall;
        if (quoted == null) {
          quoted = ServerMessages.quote(name);
        }
        PeerJsCluster.tellGone(u, quoted, peerJs);
      }
    }
    if (busyChanged) {
      presence.changed();
    }
  }

  /**
   * Sends {@code json} as an envelope of {@code type} from {@code senderKey} to the user
   * {@code target} of another node, counted once its node got it; {@code delivered} runs on any
   * thread (see {@link Directory#send(String, String, Runnable, Consumer)}), other outcomes go to
   * {@code done} on the core.
   */
  private void publish(String target, String type, String senderKey, String json, Runnable delivered,
      Consumer<Directory.Delivery> done) {
    Runnable counted = delivered == Directory.ON_CORE ? Directory.ON_CORE : () -> {
      metrics.crossNodeSent(type);
      delivered.run();
    };
    Consumer<Directory.Delivery> onCore = delivered != Directory.ON_CORE ? done : delivery -> {
      if (delivery == Directory.Delivery.DELIVERED) {
        metrics.crossNodeSent(type);
      }
      done.accept(delivery);
    };
    directory.send(target, Envelope.encode(type, senderKey, json, directory.clusterMillis()), counted, onCore);
  }

  /** {@link #publish(String, String, String, String, Runnable, Consumer)} where nothing waits for the outcome. */
  private void publish(String target, String type, String senderKey, String json) {
    publish(target, type, senderKey, json, () -> {}, ignored -> {});
  }

  /** The quoted name in {@code {"type":"leave","name":NAME}}. */
  private static String quotedSender(String leaveJson) {
    return leaveJson.substring(leaveJson.indexOf("\"name\":") + 7, leaveJson.length() - 1);
  }

  private void unknownUser(Session s, String target) {
    metrics.error(ErrorCode.UNKNOWN_USER);
    s.link.send(ServerMessages.unknownUser(target));
  }

  /** Ends {@code s}'s call and ringing with {@code peer}; true if they were in a call. */
  private static boolean forget(Session s, String peer) {
    s.remoteRinging.remove(peer);
    return s.remoteCalls.remove(peer);
  }
}
