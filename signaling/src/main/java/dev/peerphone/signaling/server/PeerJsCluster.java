package dev.peerphone.signaling.server;

import dev.peerphone.signaling.peerjs.PeerJsConfig;
import dev.peerphone.signaling.peerjs.PeerJsFrames;
import dev.peerphone.signaling.peerjs.PeerJsHttp;
import dev.peerphone.signaling.peerjs.PeerJsIds;
import dev.peerphone.signaling.peerjs.PeerJsMessage;
import dev.peerphone.signaling.peerjs.PeerJsOutbox;
import dev.peerphone.signaling.protocol.ClientMessage;
import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.Names;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * PeerJS clients on a cluster node (docs/PEERJS.md, Cluster): ids are claimed in the directory
 * like Peerphone names; frames to users of other nodes travel as envelopes whose JSON is
 * {@code TYPE \n SRC \n DST \n PAYLOAD} (quoted src and dst, raw payload JSON or empty), and the
 * target's node stamps them as one node would ({@link #PJ} from a PeerJS client, {@link #PJ_PEERPHONE}
 * from a Peerphone user's {@code peerjs} message); a target that cannot take them answers with a
 * {@link #PJ_BOUNCE} (an {@code EXPIRE} or an error). Messages for ids connected nowhere wait in
 * the sender's node ({@link PeerJsOutbox}, bounded) and go when any node announces the id's
 * registration ({@link Directory#announcePeerJs}), or at a retry; else the sender gets
 * {@code EXPIRE} as on one node. Confined to the core thread, like the hub.
 */
final class PeerJsCluster {
  /** A PeerJS client's frame for a user of another node. */
  static final String PJ = "pj";
  /** A Peerphone user's {@code peerjs} message for a PeerJS client of another node. */
  static final String PJ_PEERPHONE = "pjp";
  /** The target's node could not hand a message over: delivered to the sender as is; ends their call. */
  static final String PJ_BOUNCE = "pjno";
  /** A PeerJS client disconnected: its Peerphone peers get {@code leave}, pages nothing (as on one node). */
  static final String PJ_GONE = "pjleave";
  static final String UNAVAILABLE_MESSAGE =
      "The cluster directory is unreachable, so ids cannot be checked now; try again in a few seconds";
  /** Frames a client may send while its id's claim waits for the directory. */
  private static final int MAX_HELD = 256;
  /** Queued messages are sent again after this long, in case their id's announcement crossed them. */
  private static final long RETRY_AFTER_NANOS = 1_000_000_000L;
  private static final int RETRIES_PER_TICK = 32;

  private final Directory directory;
  private final Map<String, Session> byKey;
  private final Metrics metrics;
  private final Presence presence;
  private final SharedRoulette shared;
  private final UserLists lists;
  private final PeerJsOutbox outbox;
  private PeerJsBridge bridge;

  PeerJsCluster(PeerJsConfig config, Directory directory, Map<String, Session> byKey, Metrics metrics,
      Presence presence, SharedRoulette shared, UserLists lists) {
    this.directory = directory;
    this.byKey = byKey;
    this.metrics = metrics;
    this.presence = presence;
    this.shared = shared;
    this.lists = lists;
    this.outbox = new PeerJsOutbox(config.expireTimeout().toNanos(), config.maxQueuedPerId(), config.maxQueuedIds());
  }

  /** Set once by the bridge that registers the clients whose ids this claims. */
  void attach(PeerJsBridge bridge) {
    this.bridge = bridge;
  }

  /** Claims {@code id} for {@code s} cluster-wide; its frames wait until the claim is decided. */
  void claim(Session s, String id, String key, String token) {
    s.loginPending = true;
    directory.claimPeerJs(key, id, token, claim -> {
      s.loginPending = false;
      ArrayDeque<PeerJsMessage> held = s.peerJsHeld;
      s.peerJsHeld = null;
      if (s.closed) {
        if (claim == Directory.Claim.CLAIMED || claim == Directory.Claim.RESUMED) {
          directory.release(key);
        }
        return;
      }
      switch (claim) {
        case CLAIMED, RESUMED -> bridge.registerClaimed(s, id, key, token, System.nanoTime());
        case TAKEN -> {
          s.link.send(PeerJsFrames.ID_TAKEN);
          s.link.close(1000, "ID is taken");
          return;
        }
        case UNAVAILABLE -> {
          bridge.refuse(s, UNAVAILABLE_MESSAGE);
          return;
        }
      }
      while (held != null && !held.isEmpty()) {
        bridge.received(s, held.poll());
      }
    });
  }

  /** A frame from {@code s} while its claim is pending: kept in order, bounded. */
  void hold(Session s, PeerJsMessage m) {
    if (s.peerJsHeld == null) {
      s.peerJsHeld = new ArrayDeque<>();
    }
    if (s.peerJsHeld.size() >= MAX_HELD) {
      bridge.badInput(s, ErrorCode.RATE_LIMITED, "Too many messages while the id's registration is pending", false);
      return;
    }
    s.peerJsHeld.add(m);
  }

  /**
   * {@code s} registered its id here: what this node queued for it is delivered (as on one node,
   * a queued message starts no call: the answer to it does), and every node is told.
   */
  void registered(Session s) {
    PeerJsOutbox.Taken waiting = outbox.takeAll(s.key);
    if (waiting != null) {
      for (PeerJsOutbox.Entry e : waiting.entries()) {
        Inner in = Inner.parse(e.frame());
        s.link.send(PeerJsFrames.relay(in.type, in.quotedSrc, in.quotedDst, in.payload));
      }
      metrics.peerJsQueuedIds = outbox.size();
    }
    directory.announcePeerJs(s.key);
  }

  /** A PeerJS client's frame for {@code m.dst()}, whom no user of this node holds. */
  void send(Session s, PeerJsMessage m) {
    String dstKey = Names.key(m.dst());
    String quotedDst = ServerMessages.quote(m.dst());
    String inner = Inner.encode(m.type(), s.quotedName, quotedDst, m.payloadJson());
    if (outbox.has(dstKey)) {
      queue(s, m.type(), dstKey, quotedDst, inner); // behind the messages already waiting for it
      return;
    }
    directory.send(dstKey, envelope(PJ, s.key, inner), Directory.ON_CORE, delivery -> {
      switch (delivery) {
        case DELIVERED -> sent(s, dstKey, PeerJsFrames.tracked(m.type(), m.payloadJson()));
        case UNKNOWN_USER, UNSETTLED -> queue(s, m.type(), dstKey, quotedDst, inner);
        case UNAVAILABLE -> bridge.badInput(s, ErrorCode.RATE_LIMITED, CrossNode.UNAVAILABLE_MESSAGE, false);
      }
    });
  }

  private void queue(Session s, String type, String dstKey, String quotedDst, String inner) {
    if (type.equals("LEAVE") || type.equals("EXPIRE")) {
      return; // as PeerServer: nobody to tell
    }
    if (!outbox.add(dstKey, quotedDst, s.key, s.quotedName, inner, System.nanoTime())) {
      bridge.badInput(s, ErrorCode.RATE_LIMITED, "Too many messages waiting for " + quotedDst + " or for absent ids",
          false);
    }
    metrics.peerJsQueuedIds = outbox.size();
  }

  /** A Peerphone user's {@code peerjs} message for {@code m.target()}, whom no user of this node holds. */
  void fromPeerphone(Session s, ClientMessage.PeerJs m) {
    if (Names.validOrNull(m.target()) == null && !PeerJsIds.valid(m.target())) {
      unknownUser(s, m.target());
      return;
    }
    String key = Names.key(m.target());
    String inner = Inner.encode(m.peerJsType(), s.quotedName, ServerMessages.quote(m.target()), m.payloadJson());
    directory.send(key, envelope(PJ_PEERPHONE, s.key, inner), Directory.ON_CORE, delivery -> {
      switch (delivery) {
        case DELIVERED -> sent(s, key, PeerJsFrames.tracked(m.peerJsType(), m.payloadJson()));
        case UNKNOWN_USER -> unknownUser(s, m.target());
        case UNAVAILABLE, UNSETTLED -> {
          metrics.error(ErrorCode.RATE_LIMITED);
          s.link.send(ServerMessages.error(ErrorCode.RATE_LIMITED, delivery == Directory.Delivery.UNAVAILABLE
              ? CrossNode.UNAVAILABLE_MESSAGE : CrossNode.UNSETTLED_MESSAGE));
        }
      }
    });
  }

  private void unknownUser(Session s, String target) {
    metrics.error(ErrorCode.UNKNOWN_USER);
    s.link.send(ServerMessages.unknownUser(target));
  }

  /** {@code s}'s message of PeerJS {@code type} reached {@code targetKey}'s node: its side of the call. */
  private void sent(Session s, String targetKey, String type) {
    metrics.crossNodeSent(PJ);
    metrics.relayed("peerjs");
    if (!s.closed && s.loggedIn()) {
      called(s, targetKey, type);
    }
  }

  /** Call tracking with a user of another node, as {@link PeerJsBridge} tracks it on one node. */
  private void called(Session s, String peerKey, String type) {
    boolean changed = false;
    if (type.equals("OFFER") || type.equals("ANSWER")) {
      s.remoteRinging.remove(peerKey);
      changed = s.remoteCalls.add(peerKey);
    } else if (type.equals("LEAVE")) {
      s.remoteRinging.remove(peerKey);
      changed = s.remoteCalls.remove(peerKey) | shared.ended(s, peerKey);
    }
    if (changed) {
      presence.changed();
    }
  }

  /**
   * An envelope for {@code t} of this node: a {@code pj*} type is handled here (true); so is a
   * Peerphone message for a PeerJS client, answered with the error one node gives. False for what
   * {@link CrossNode} delivers itself.
   */
  boolean deliver(Session t, Envelope e) {
    String sender = e.senderKey();
    switch (e.type()) {
      case PJ, PJ_PEERPHONE -> {
        Inner in = Inner.parse(e.json());
        if (in == null) {
          metrics.crossNodeDropped(Metrics.CrossNodeDrop.MALFORMED);
          return true;
        }
        metrics.crossNodeReceived(e.type());
        if (e.type().equals(PJ)) {
          fromPeerJs(t, sender, in);
        } else if (!t.isPeerJs()) {
          bounce(sender, t, ServerMessages.error(ErrorCode.INVALID_MESSAGE, t.name + " is not a PeerJS peer"));
        } else {
          t.link.send(PeerJsFrames.relay(in.type, in.quotedSrc, t.quotedName, in.payload));
          called(t, sender, PeerJsFrames.tracked(in.type, in.payload));
        }
        return true;
      }
      case PJ_BOUNCE -> {
        metrics.crossNodeReceived(e.type());
        t.remoteRinging.remove(sender);
        if (t.remoteCalls.remove(sender) | shared.ended(t, sender)) {
          presence.changed();
        }
        t.link.send(e.json());
        return true;
      }
      case "offer", "answer", "candidate", "call", "accept", "reject", "chat" -> {
        if (!t.isPeerJs()) {
          return false;
        }
        metrics.crossNodeReceived(e.type());
        bounce(sender, t, ServerMessages.error(ErrorCode.INVALID_MESSAGE,
            t.name + " is a PeerJS peer: send it {\"type\":\"peerjs\"} messages"));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void fromPeerJs(Session t, String sender, Inner in) {
    if (t.isPeerJs()) {
      t.link.send(PeerJsFrames.relay(in.type, in.quotedSrc, in.quotedDst, in.payload));
    } else if (in.type.equals("EXPIRE")) {
      return; // Peerphone users are never sent EXPIRE (docs/PEERJS.md)
    } else if (!t.acceptsPeerJs) {
      bounce(sender, t, PeerJsFrames.expire(in.quotedDst, in.quotedSrc)); // a classic page: the caller's peer-unavailable
      return;
    } else {
      t.link.send(PeerJsBridge.toPeerphone(in.quotedSrc, in.type, in.payload));
    }
    called(t, sender, PeerJsFrames.tracked(in.type, in.payload));
  }

  private void bounce(String to, Session from, String json) {
    directory.send(to, envelope(PJ_BOUNCE, from.key, json), () -> {}, ignored -> {});
  }

  private String envelope(String type, String senderKey, String json) {
    return Envelope.encode(type, senderKey, json, directory.clusterMillis());
  }

  /**
   * What a disconnect or a dead node's user going means to {@code peer} of this node: a Peerphone
   * peer gets {@code leave}, a page {@code LEAVE} when a Peerphone user went and nothing when a
   * page went (as PeerServer tells nobody).
   */
  static void tellGone(Session peer, String quotedGone, boolean goneIsPeerJs) {
    if (!peer.isPeerJs()) {
      peer.link.send(ServerMessages.fromSender("leave", quotedGone));
    } else if (!goneIsPeerJs) {
      peer.link.send(PeerJsFrames.relay("LEAVE", quotedGone, peer.quotedName, null));
    }
  }

  /** The id {@code key} registered on some node: what waits for it here goes now, in order. */
  void opened(String key) {
    PeerJsOutbox.Taken waiting = outbox.takeAll(key);
    if (waiting == null) {
      return;
    }
    metrics.peerJsQueuedIds = outbox.size();
    for (PeerJsOutbox.Entry e : waiting.entries()) {
      directory.send(key, envelope(PJ, e.senderKey(), e.frame()), Directory.ON_CORE, delivery -> {
        Session sender = byKey.get(e.senderKey());
        if (delivery == Directory.Delivery.DELIVERED) {
          if (sender != null) {
            Inner in = Inner.parse(e.frame());
            sent(sender, key, PeerJsFrames.tracked(in.type, in.payload)); // its node tracks the call: so does this one
          }
        } else {
          outbox.putBack(key, waiting.createdNanos(), e); // expires when it would have
          metrics.peerJsQueuedIds = outbox.size();
        }
      });
    }
  }

  /** Core timer: retries what waited a while, and sends {@code EXPIRE} for what waited too long. */
  void tick(long nowNanos) {
    for (PeerJsOutbox.Expired e : outbox.expire(nowNanos)) {
      Session sender = byKey.get(e.senderKey());
      if (sender != null && sender.isPeerJs()) {
        sender.link.send(e.frame());
      }
    }
    for (String key : outbox.waitingSince(nowNanos, RETRY_AFTER_NANOS, RETRIES_PER_TICK)) {
      opened(key);
    }
    metrics.peerJsQueuedIds = outbox.size();
  }

  /** The tutorial's {@code /find} on a cluster node, for a page on this node or on another. */
  void find(String id, Consumer<PeerJsHttp.Find> done) {
    Session s = byKey.get(Names.key(id));
    if (s != null && !s.isPeerJs()) {
      done.accept(new PeerJsHttp.Find(PeerJsHttp.Outcome.NOT_PEERJS, null));
      return;
    }
    if (s != null && !s.loggedIn()) {
      done.accept(new PeerJsHttp.Find(PeerJsHttp.Outcome.NOT_CONNECTED, null));
      return;
    }
    Consumer<String> answered = answer -> done.accept(outcome(answer));
    if (s != null) {
      shared.request(s, "find", answered);
      presence.changed();
    } else {
      directory.roulette("find", Names.key(id), "j", answered); // its node learns of a match by envelope
    }
  }

  private static PeerJsHttp.Find outcome(String answer) {
    if (answer == null) {
      return new PeerJsHttp.Find(PeerJsHttp.Outcome.UNAVAILABLE, null);
    }
    if (answer.equals("absent")) {
      return new PeerJsHttp.Find(PeerJsHttp.Outcome.NOT_CONNECTED, null);
    }
    if (answer.equals("not-peerjs")) {
      return new PeerJsHttp.Find(PeerJsHttp.Outcome.NOT_PEERJS, null);
    }
    String[] fields = answer.split(" ", 3);
    return fields.length == 3 ? new PeerJsHttp.Find(PeerJsHttp.Outcome.MATCHED, fields[2])
        : new PeerJsHttp.Find(PeerJsHttp.Outcome.WAITING, null);
  }

  /**
   * For {@code …/peers}: the PeerJS ids in the cluster's presence list as this node last read it,
   * and this node's Peerphone users that take PeerJS calls (other nodes' are not known here).
   */
  List<String> peerIds() {
    return lists.peerJsCallable();
  }

  /** A PeerJS envelope's JSON: {@code TYPE \n SRC \n DST \n PAYLOAD}. */
  record Inner(String type, String quotedSrc, String quotedDst, String payload) {
    static String encode(String type, String quotedSrc, String quotedDst, String payload) {
      return type + '\n' + quotedSrc + '\n' + quotedDst + '\n' + (payload == null ? "" : payload);
    }

    /** Null when malformed. Quoted names hold no raw line break, so the first three are unambiguous. */
    static Inner parse(String text) {
      int a = text.indexOf('\n');
      int b = a < 0 ? -1 : text.indexOf('\n', a + 1);
      int c = b < 0 ? -1 : text.indexOf('\n', b + 1);
      if (a <= 0 || b <= a + 1 || c <= b + 1) {
        return null;
      }
      String payload = text.substring(c + 1);
      return new Inner(text.substring(0, a), text.substring(a + 1, b), text.substring(b + 1, c),
          payload.isEmpty() ? null : payload);
    }
  }
}
