package dev.peerphone.signaling.server;

import dev.peerphone.signaling.admission.Admission;
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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PeerServer mode inside the hub (docs/PEERJS.md): PeerJS clients are users of the hub's
 * directory ({@code byKey}), presence lists and roulette, under the same admission and
 * per-address rules; this class speaks PeerServer's frames to them and bridges their messages to
 * Peerphone users that announced {@code features:["peerjs"]}. On a cluster node, ids, relays to
 * other nodes, absent ids and {@code /find} go through {@link PeerJsCluster}. Confined to the core
 * thread, like the {@link Hub} that owns it.
 */
final class PeerJsBridge {
  /** What the hub does for the bridge: its call bookkeeping and its close handling. */
  interface HubSide {
    void inCall(Session a, Session b);

    void endCall(Session a, Session b);

    /** The hub forgets {@code s} at once, as if its socket had closed. */
    void closed(Session s);

    void registered(Session s);

    /** Gauges and presence may have changed. */
    void changed();
  }

  private final PeerJsConfig config;
  private final Map<String, Session> byKey;
  private final Admission admission;
  private final AddressPolicy perAddress;
  private final Directory directory;
  private final Roulette roulette;
  private final Metrics metrics;
  private final HubSide hub;
  private final PeerJsOutbox outbox;
  /** A cluster node's PeerJS side ({@link Directory#clustered}); unused on a single node. */
  private final PeerJsCluster cluster;
  /** Registered PeerJS clients, oldest first. */
  private final Set<Session> peers = new LinkedHashSet<>();
  /** The PeerJS client whose {@code /find} is being served, during {@link #find}; else null. */
  private Session finding;
  private String found;

  PeerJsBridge(PeerJsConfig config, Map<String, Session> byKey, Admission admission, AddressPolicy perAddress,
      Directory directory, Roulette roulette, Metrics metrics, HubSide hub, PeerJsCluster cluster) {
    this.config = config;
    this.byKey = byKey;
    this.admission = admission;
    this.perAddress = perAddress;
    this.directory = directory;
    this.roulette = roulette;
    this.metrics = metrics;
    this.hub = hub;
    this.cluster = cluster;
    cluster.attach(this);
    this.outbox = new PeerJsOutbox(config.expireTimeout().toNanos(), config.maxQueuedPerId(), config.maxQueuedIds());
  }

  /** A PeerJS WebSocket opened: register its id (OPEN), or refuse it as PeerServer does. */
  void opened(Session s, long nowNanos) {
    Session.PeerJsOpen asked = s.peerJs;
    if (isEmpty(asked.id()) || isEmpty(asked.token()) || isEmpty(asked.key())) {
      refuse(s, PeerJsFrames.INVALID_WS_PARAMETERS);
    } else if (!asked.key().equals(config.key())) {
      refuse(s, PeerJsFrames.INVALID_KEY);
    } else if (!PeerJsIds.valid(asked.id())) {
      refuse(s, "Invalid id: 1-" + PeerJsIds.MAX_LENGTH + " letters or digits, single ' ', '_' or '-' between them");
    } else {
      String key = Names.key(asked.id());
      Session holder = byKey.get(key);
      if (holder != null) {
        if (!holder.isPeerJs() || !asked.token().equals(holder.peerJsToken)) {
          s.link.send(PeerJsFrames.ID_TAKEN);
          s.link.close(1000, "ID is taken");
          return;
        }
        takeOver(holder, s);
      } else {
        Refusal refused = perAddress.attempt(s.countKey, nowNanos);
        if (refused != null) {
          metrics.refused(refused);
          refuse(s, perAddress.message(refused));
          return;
        }
        if (!admission.admits(s.clientAddress)) {
          refuse(s, "not-allowed: this server does not admit connections from your address");
          return;
        }
        if (directory.clustered()) {
          cluster.claim(s, asked.id(), key, asked.token()); // registers once the directory decided
          return;
        }
      }
      register(s, asked.id(), key, asked.token(), nowNanos);
    }
  }

  private static boolean isEmpty(String v) {
    return v == null || v.isEmpty();
  }

  void refuse(Session s, String msg) {
    s.link.send(PeerJsFrames.error(msg));
    s.link.close(1000, msg.length() > 100 ? "refused" : msg);
  }

  /** A reconnect with the id's token: the new socket takes the id over (PeerServer sends no OPEN; we do). */
  private void takeOver(Session old, Session s) {
    Takeover.transfer(old, s, roulette);
    peers.remove(old);
    perAddress.loggedOut(old.countKey);
    old.superseded = true;
    old.name = null;
    old.key = null;
    old.link.close(4001, "superseded");
  }

  /** The directory gave {@code s} its id (a cluster node): a same-token client still here is taken over. */
  void registerClaimed(Session s, String id, String key, String token, long nowNanos) {
    Session holder = byKey.get(key);
    if (holder != null && holder != s) {
      takeOver(holder, s);
    }
    register(s, id, key, token, nowNanos);
  }

  private void register(Session s, String id, String key, String token, long nowNanos) {
    s.name = id;
    s.key = key;
    s.quotedName = ServerMessages.quote(id);
    s.peerJsToken = token;
    s.lastHeartbeatNanos = nowNanos;
    byKey.put(key, s); // a taken-over id keeps its place in the presence order
    peers.add(s);
    perAddress.loggedIn(s.countKey);
    s.link.send(PeerJsFrames.OPEN);
    if (directory.clustered()) {
      cluster.registered(s);
    }
    for (String frame : outbox.take(key)) {
      s.link.send(frame);
    }
    metrics.peerJsQueuedIds = outbox.size();
    metrics.peerJsClients = peers.size();
    hub.registered(s);
  }

  /** A frame from a PeerJS client. */
  void received(Session s, PeerJsMessage m) {
    if (s.loginPending && !s.closed) {
      cluster.hold(s, m); // its id's claim waits for the directory
      return;
    }
    if (!s.loggedIn() || s.closed || s.superseded || s.closing) {
      return; // refused, taken over or closing: nothing more is answered
    }
    if (m.heartbeat()) {
      s.lastHeartbeatNanos = System.nanoTime();
      return;
    }
    Session target = byKey.get(Names.key(m.dst()));
    String quotedDst = ServerMessages.quote(m.dst());
    if (target == null && directory.clustered()) {
      cluster.send(s, m); // on another node, or queued
      return;
    }
    if (target == null) {
      if (m.type().equals("LEAVE") || m.type().equals("EXPIRE")) {
        return; // as PeerServer: nobody to tell
      }
      String frame = PeerJsFrames.relay(m.type(), s.quotedName, quotedDst, m.payloadJson());
      if (!outbox.add(Names.key(m.dst()), quotedDst, s.key, s.quotedName, frame, System.nanoTime())) {
        badInput(s, ErrorCode.RATE_LIMITED, "Too many messages waiting for " + m.dst() + " or for absent ids", false);
      }
      metrics.peerJsQueuedIds = outbox.size();
      return;
    }
    if (target.isPeerJs()) {
      target.link.send(PeerJsFrames.relay(m.type(), s.quotedName, quotedDst, m.payloadJson()));
    } else if (m.type().equals("EXPIRE")) {
      return; // Peerphone users are never sent EXPIRE (docs/PEERJS.md)
    } else if (!target.acceptsPeerJs) {
      s.link.send(PeerJsFrames.expire(quotedDst, s.quotedName)); // a classic page: the caller's peer-unavailable
      return;
    } else {
      target.link.send(toPeerphone(s.quotedName, m.type(), m.payloadJson()));
    }
    metrics.relayed("peerjs");
    track(s, target, PeerJsFrames.tracked(m.type(), m.payloadJson()));
  }

  /** {@code {type:"peerjs", name:<src>, message:{type, payload}}}. */
  static String toPeerphone(String quotedSrc, String type, String payloadJson) {
    return "{\"type\":\"peerjs\",\"name\":" + quotedSrc + ",\"message\":{\"type\":\"" + type + "\""
        + (payloadJson == null ? "" : ",\"payload\":" + payloadJson) + "}}";
  }

  /**
   * A Peerphone user's targeted message {@code m}: a {@code peerjs} message is relayed (or gets
   * {@code unknown-user} / {@code invalid-message}), any other message to a PeerJS client gets
   * {@code invalid-message}; returns false for what is none of the bridge's business.
   */
  boolean intercepts(Session s, Session target, ClientMessage.Targeted m) {
    if (m instanceof ClientMessage.PeerJs p) {
      if (target == null && directory.clustered()) {
        cluster.fromPeerphone(s, p); // on another node, or unknown-user
      } else if (target == null) {
        metrics.error(ErrorCode.UNKNOWN_USER);
        s.link.send(ServerMessages.unknownUser(m.target()));
      } else if (!target.isPeerJs()) {
        error(s, target.name + " is not a PeerJS peer");
      } else {
        fromPeerphone(s, target, p);
      }
      return true;
    }
    if (target != null && target != s && target.isPeerJs()) {
      error(s, target.name + " is a PeerJS peer: send it {\"type\":\"peerjs\"} messages");
      return true;
    }
    return false;
  }

  private void error(Session s, String message) {
    metrics.error(ErrorCode.INVALID_MESSAGE);
    s.link.send(ServerMessages.error(ErrorCode.INVALID_MESSAGE, message));
  }

  private void fromPeerphone(Session s, Session target, ClientMessage.PeerJs m) {
    target.link.send(PeerJsFrames.relay(m.peerJsType(), s.quotedName, target.quotedName, m.payloadJson()));
    metrics.relayed("peerjs");
    track(s, target, PeerJsFrames.tracked(m.peerJsType(), m.payloadJson()));
  }

  private void track(Session a, Session b, String type) {
    if (a == b) {
      return; // PeerServer relays to oneself too; that is no call
    }
    if (type.equals("OFFER") || type.equals("ANSWER")) {
      hub.inCall(a, b);
    } else if (type.equals("LEAVE")) {
      hub.endCall(a, b);
    }
  }

  /**
   * Bad input from a PeerJS client: a frame its page tolerates ({@code BAD-MESSAGE}); an abuser
   * gets PeerServer's fatal {@code ERROR} and is closed with 1008.
   */
  void badInput(Session s, ErrorCode code, String message, boolean thenClose) {
    metrics.error(code);
    if (thenClose) {
      s.closing = true;
      s.link.send(PeerJsFrames.error("Too many bad or rate-limited messages"));
      s.link.close(1008, "Too many bad or rate-limited messages");
    } else {
      s.link.send(PeerJsFrames.badMessage(code, message));
    }
  }

  /**
   * {@code gone} disconnected while in a call (or ringing, or paired) with {@code peer}: a
   * Peerphone peer gets {@code leave}; a PeerJS peer gets PeerJS's {@code LEAVE} when a Peerphone
   * user went, and nothing when a PeerJS client went (as PeerServer tells nobody).
   */
  void tellGone(Session gone, Session peer) {
    PeerJsCluster.tellGone(peer, gone.quotedName, gone.isPeerJs());
  }

  void closed(Session s) {
    if (peers.remove(s)) {
      metrics.peerJsClients = peers.size();
    }
  }

  /** Drops the clients silent for the alive timeout, and expires queued messages (core timer). */
  void tick(long nowNanos) {
    long alive = config.aliveTimeout().toNanos();
    List<Session> dead = new ArrayList<>();
    for (Session s : peers) {
      if (nowNanos - s.lastHeartbeatNanos >= alive) {
        dead.add(s);
      }
    }
    for (Session s : dead) {
      hub.closed(s);
      s.link.close(1000, "No HEARTBEAT within " + config.aliveTimeout().toMillis() + " ms");
    }
    for (PeerJsOutbox.Expired e : outbox.expire(nowNanos)) {
      Session sender = byKey.get(e.senderKey());
      if (sender != null && sender.isPeerJs()) {
        sender.link.send(e.frame());
      }
    }
    if (directory.clustered()) {
      cluster.tick(nowNanos);
    } else {
      metrics.peerJsQueuedIds = outbox.size();
    }
  }

  /** The tutorial's {@code /find} for the PeerJS client {@code id}: {@code done} gets the answer, on the core. */
  void find(String id, java.util.function.Consumer<PeerJsHttp.Find> done) {
    if (directory.clustered()) {
      cluster.find(id, done); // the cluster's roulette: answered once Redis decided
    } else {
      done.accept(find(id));
    }
  }

  /** The tutorial's {@code /find} for the PeerJS client {@code id} on a single node. */
  PeerJsHttp.Find find(String id) {
    Session s = byKey.get(Names.key(id));
    if (s == null) {
      return new PeerJsHttp.Find(PeerJsHttp.Outcome.NOT_CONNECTED, null);
    }
    if (!s.isPeerJs()) {
      return new PeerJsHttp.Find(PeerJsHttp.Outcome.NOT_PEERJS, null);
    }
    finding = s;
    found = null;
    try {
      roulette.find(s);
    } finally {
      finding = null;
    }
    hub.changed();
    return found != null ? new PeerJsHttp.Find(PeerJsHttp.Outcome.MATCHED, found)
        : new PeerJsHttp.Find(PeerJsHttp.Outcome.WAITING, null);
  }

  /**
   * The roulette paired {@code a} and {@code b}, one of them a PeerJS client. A page that asked
   * {@code /find} is the caller (its answer names the partner); a page that waited is called.
   * Peerphone users get {@code match} with {@code peerjs:true}; PeerJS clients get no frame.
   */
  void matched(Session a, Session b) {
    if (a == finding) {
      found = b.name;
    } else if (b == finding) {
      found = a.name;
    }
    tellMatch(a, b);
    tellMatch(b, a);
  }

  private void tellMatch(Session to, Session partner) {
    if (to.isPeerJs()) {
      return;
    }
    boolean initiator = partner != finding; // the waiting page waits for a call; the finding page calls
    to.link.send("{\"type\":\"match\",\"name\":" + partner.quotedName + ",\"initiator\":" + initiator
        + (partner.isPeerJs() ? ",\"peerjs\":true}" : "}"));
  }

  /** PeerJS ids, and Peerphone users that take PeerJS calls, for {@code …/peers}. */
  List<String> peerIds() {
    if (directory.clustered()) {
      return cluster.peerIds();
    }
    List<String> ids = new ArrayList<>();
    for (Session s : byKey.values()) {
      if (s.isPeerJs() || s.acceptsPeerJs) {
        ids.add(s.name);
      }
    }
    return ids;
  }

}
