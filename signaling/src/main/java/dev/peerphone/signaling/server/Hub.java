package dev.peerphone.signaling.server;

import dev.peerphone.signaling.admission.Admission;
import dev.peerphone.signaling.protocol.ClientMessage;
import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.Names;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The transport-free core of the server: login, relay that stamps the sender, presence, ringing
 * and roulette. Confined to the core executor ({@link SerialExecutor}): every method runs
 * there, one at a time, and every message to a client is sent from there, so replies keep the
 * order of requests. Names held and users reached on other nodes go through the {@link Directory}
 * (a single node: {@link Directory#local()}), whose answers come back on the core executor.
 */
final class Hub implements Roulette.Listener, PeerJsBridge.HubSide {
  /** Messages a client may send while its login waits for the directory (a few seconds at most). */
  private static final int MAX_HELD = 1000;
  private final ServerConfig config;
  private final Admission admission;
  private final IceServers iceServers;
  private final Metrics metrics;
  private final Presence presence;
  private final UserLists lists;
  private final Directory directory;
  private final CrossNode crossNode;
  private final Roulette roulette = new Roulette(this);
  private final SharedRoulette shared;
  private final ResumeTokens tokens = new ResumeTokens(new SecureRandom());
  /** Logged-in users by name key, in login order (the order of presence lists). */
  private final Map<String, Session> byKey = new LinkedHashMap<>();
  /** Open connections that have not logged in yet, oldest first (for the login timeout). */
  private final LinkedHashSet<Session> awaitingLogin = new LinkedHashSet<>();
  private final Set<Session> open = new HashSet<>();
  private final AddressPolicy perAddress;
  private final Housekeeping housekeeping;
  private final ClusterEvents clusterEvents;
  private final PeerJsBridge peerJs;
  private final LocalRelay relay;
  private boolean shuttingDown;

  Hub(ServerConfig config, Admission admission, IceServers iceServers, Metrics metrics,
      Presence.Scheduler scheduler, Directory directory) {
    this.config = config;
    this.admission = admission;
    this.iceServers = iceServers;
    this.metrics = metrics;
    this.perAddress = new AddressPolicy(config.maxLoginsPerMinutePerIp(), config.maxNamesPerIp());
    this.lists = new UserLists(byKey, config.maxListedUsers(), directory);
    this.presence = new Presence(scheduler, config.presenceInterval(), byKey::size, lists::push);
    this.directory = directory;
    this.shared = new SharedRoulette(directory, byKey, metrics, presence);
    PeerJsCluster peerJsCluster = new PeerJsCluster(config.peerJs(), directory, byKey, metrics, presence, shared,
        lists);
    this.crossNode = new CrossNode(directory, byKey, metrics, presence, shared, peerJsCluster);
    this.housekeeping = new Housekeeping(config, metrics, byKey, open, awaitingLogin, perAddress);
    this.clusterEvents = new ClusterEvents(byKey, crossNode, shared, lists, presence, this::dropMovedAway,
        this::updateGauges, peerJsCluster);
    this.peerJs = new PeerJsBridge(config.peerJs(), byKey, admission, perAddress, directory, roulette, metrics,
        this, peerJsCluster);
    this.relay = new LocalRelay(byKey, peerJs, crossNode, metrics, this);
  }

  /** A PeerJS client holds its id now (see {@link PeerJsBridge}). */
  @Override
  public void registered(Session s) {
    awaitingLogin.remove(s);
    changed();
  }

  /** Whatever a PeerJS client changed: gauges and presence. */
  @Override
  public void changed() {
    updateGauges();
    presence.changed();
  }

  /** The PeerServer mode (docs/PEERJS.md): PeerJS clients' frames, {@code /find}, timers. Core thread. */
  PeerJsBridge peerJs() {
    return peerJs;
  }

  void opened(Session s) {
    open.add(s);
    awaitingLogin.add(s);
    metrics.connections = open.size();
  }

  /**
   * The server is stopping: connections will close, but nobody has left anybody. Peers must not
   * get {@code leave}s for calls whose media goes on peer to peer while signaling restarts.
   */
  void shuttingDown() {
    shuttingDown = true;
  }

  @Override
  public void closed(Session s) {
    if (s.closed) {
      return;
    }
    s.closed = true;
    open.remove(s);
    awaitingLogin.remove(s);
    metrics.connections = open.size();
    if (!s.loggedIn() || shuttingDown) {
      return;
    }
    if (directory.clustered()) {
      shared.disconnected(s);
    }
    Set<Session> toTell = new LinkedHashSet<>(s.calls);
    toTell.addAll(s.ringing);
    if (s.roulettePartner != null) {
      toTell.add(s.roulettePartner);
    }
    roulette.remove(s);
    peerJs.closed(s);
    for (Session peer : toTell) {
      peer.calls.remove(s);
      peer.ringing.remove(s);
      peer.remoteCalls.remove(s.key); // s came to this node by a resume: it was remote to peer once
      peer.remoteRinging.remove(s.key);
      peerJs.tellGone(s, peer);
    }
    crossNode.disconnected(s, toTell);
    byKey.remove(s.key);
    directory.release(s.key);
    perAddress.loggedOut(s.countKey);
    updateGauges();
    presence.changed();
  }

  /** Bad input detected on the network thread: answer it here, in order with other replies. */
  void badInput(Session s, ErrorCode code, String message, boolean thenClose) {
    if (s.closed || s.closing) {
      return; // decoded before the close took effect: the client will never read an answer
    }
    if (s.isPeerJs()) {
      peerJs.badInput(s, code, message, thenClose);
      return;
    }
    error(s, code, message);
    if (thenClose) {
      s.closing = true;
      s.link.close(1008, "Too many bad or rate-limited messages");
    }
  }

  void received(Session s, ClientMessage message) {
    if (s.closed || s.superseded || s.closing) {
      return;
    }
    if (s.loginPending) {
      hold(s, message);
      return;
    }
    if (message instanceof ClientMessage.Ping) {
      s.link.send(ServerMessages.PONG);
      return;
    }
    if (message instanceof ClientMessage.Login login) {
      if (!s.loggedIn()) {
        s.acceptsPeerJs = login.peerJs();
      }
      login(s, login.name(), login.ring(), login.token());
      return;
    }
    if (!s.loggedIn()) {
      error(s, ErrorCode.NOT_LOGGED_IN, "Log in first: {\"type\":\"login\",\"name\":…}");
      return;
    }
    if (message instanceof ClientMessage.Targeted targeted) {
      relay.targeted(s, targeted);
      return;
    }
    if (message instanceof ClientMessage.Users) {
      s.link.send(lists.message());
      return;
    }
    if (message instanceof ClientMessage.Ice) {
      metrics.iceRequested();
      s.link.send(ServerMessages.ice(iceServers.jsonFor(s.name), config.relayOnly()));
      return;
    }
    if (directory.clustered()) {
      shared.request(s, message instanceof ClientMessage.Find ? "find" : message instanceof ClientMessage.Next ? "next"
          : "stop");
    } else if (message instanceof ClientMessage.Find) {
      roulette.find(s);
    } else if (message instanceof ClientMessage.Next) {
      roulette.next(s);
    } else if (message instanceof ClientMessage.Stop) {
      roulette.stop(s);
    } else {
      throw new IllegalStateException("unhandled message " + message);
    }
    updateGauges();
    presence.changed();
  }

  private void login(Session s, String requested, boolean ring, String token) {
    if (s.loggedIn()) {
      s.link.send(ServerMessages.loginFailure("already-logged-in"));
      return;
    }
    Refusal refused = perAddress.attempt(s.countKey, System.nanoTime());
    if (refused != null) {
      metrics.refused(refused);
      error(s, ErrorCode.RATE_LIMITED, perAddress.message(refused));
      return;
    }
    String name = Names.validOrNull(requested);
    if (name == null) {
      s.link.send(ServerMessages.loginFailure("invalid-name"));
      return;
    }
    if (!admission.admits(s.clientAddress)) {
      s.link.send(ServerMessages.loginFailure("not-allowed"));
      return;
    }
    String key = Names.key(name);
    Session holder = byKey.get(key);
    if (holder != null) {
      if (!ResumeTokens.matches(holder.token, token)) {
        s.link.send(ServerMessages.loginFailure("name-taken"));
        return;
      }
      String next = tokens.next();
      directory.retoken(key, next);
      loggedIn(s, name, key, ring, holder, next);
      return;
    }
    s.loginPending = true;
    String next = tokens.next();
    directory.claim(key, name, next, token, claim -> claimed(s, name, key, ring, next, claim));
  }

  /** The directory decided a login's name; then the messages the client sent meanwhile are handled. */
  private void claimed(Session s, String name, String key, boolean ring, String token, Directory.Claim claim) {
    s.loginPending = false;
    if (s.closed) {
      if (claim == Directory.Claim.CLAIMED || claim == Directory.Claim.RESUMED) {
        directory.release(key);
      }
      return;
    }
    switch (claim) {
      case CLAIMED -> loggedIn(s, name, key, ring, null, token);
      case RESUMED -> {
        metrics.resumedLogin();
        loggedIn(s, name, key, ring, null, token);
      }
      case TAKEN -> s.link.send(ServerMessages.loginFailure("name-taken"));
      case UNAVAILABLE -> error(s, ErrorCode.RATE_LIMITED,
          "The cluster directory is unreachable, so names cannot be checked now; try again in a few seconds");
    }
    ArrayDeque<ClientMessage> held = s.held;
    s.held = null;
    while (held != null && !held.isEmpty()) {
      received(s, held.poll()); // a held login may make the rest wait again: received holds them anew
    }
  }

  private void hold(Session s, ClientMessage message) {
    if (s.held == null) {
      s.held = new ArrayDeque<>();
    }
    if (s.held.size() >= MAX_HELD) {
      error(s, ErrorCode.RATE_LIMITED, "Too many messages while the login is pending");
      return;
    }
    s.held.add(message);
  }

  /** {@code s} holds the name now: {@code holder} is the connection it resumes, else null. */
  private void loggedIn(Session s, String name, String key, boolean ring, Session holder, String token) {
    s.name = name;
    s.key = key;
    s.ring = ring;
    s.quotedName = ServerMessages.quote(name);
    s.token = token;
    if (holder != null) {
      supersede(holder, s);
      metrics.resumedLogin();
    }
    byKey.put(key, s); // a resumed name keeps its place in the presence order
    perAddress.loggedIn(s.countKey);
    awaitingLogin.remove(s);
    updateGauges();
    s.link.send(ServerMessages.loginSuccess(s.quotedName, lists.array(), iceServers.jsonFor(name),
        config.relayOnly(), s.token));
    presence.changed();
  }

  /**
   * A resumed login (PROTOCOL, Resuming): {@code s} takes over the name with the old connection's
   * calls, ringing and roulette state; the old connection closes with 4001 and nobody gets
   * {@code leave}.
   */
  private void supersede(Session old, Session s) {
    Takeover.transfer(old, s, roulette);
    perAddress.loggedOut(old.countKey); // the name is counted again for the new connection's address
    old.superseded = true;
    old.name = null;
    old.key = null;
    old.token = null;
    old.link.close(4001, "superseded");
  }

  @Override
  public void inCall(Session a, Session b) {
    a.ringing.remove(b);
    b.ringing.remove(a);
    if (a.calls.add(b) | b.calls.add(a)) {
      presence.changed();
    }
  }

  @Override
  public void endCall(Session a, Session b) {
    boolean wasBusy = a.calls.remove(b) | b.calls.remove(a) | a.roulettePartner == b;
    a.ringing.remove(b);
    b.ringing.remove(a);
    roulette.forgetPair(a, b);
    if (directory.clustered()) {
      // Peers once on two nodes (one resumed onto the other's) track the call by key, as CrossNode does.
      wasBusy |= a.remoteCalls.remove(b.key) | b.remoteCalls.remove(a.key);
      a.remoteRinging.remove(b.key);
      b.remoteRinging.remove(a.key);
      wasBusy |= shared.ended(a, b.key) | shared.ended(b, a.key);
    }
    if (wasBusy) {
      presence.changed();
    }
  }

  /** Another login holds {@code s}'s name now, on another node: it closes with 4001, nobody told. */
  private void dropMovedAway(Session s) {
    Takeover.movedAway(s, s.key, roulette);
    byKey.remove(s.key);
    peerJs.closed(s);
    perAddress.loggedOut(s.countKey);
    s.superseded = true;
    s.name = null;
    s.key = null;
    s.token = null;
    s.link.close(4001, "superseded");
  }

  /** Where the directory hands what comes from other nodes (a cluster node's events). */
  Directory.Inbox inbox() {
    return clusterEvents;
  }

  @Override
  public void matched(Session initiator, Session other) {
    if (initiator.isPeerJs() || other.isPeerJs()) {
      peerJs.matched(initiator, other);
      return;
    }
    initiator.link.send(ServerMessages.match(other.quotedName, true));
    other.link.send(ServerMessages.match(initiator.quotedName, false));
  }

  @Override
  public void parted(Session leaver, Session left) {
    endCall(leaver, left);
    if (!left.isPeerJs()) { // a PeerJS page is told nothing it would not understand
      left.link.send(ServerMessages.fromSender("leave", leaver.quotedName));
    }
  }

  /** Closes connections that opened but did not log in within the login timeout. */
  void expireLogins(long nowNanos) {
    housekeeping.expireLogins(nowNanos);
  }

  /** Liveness: drops connections that missed two pongs in a row, pings the rest. */
  void pingAll() {
    housekeeping.pingAll();
  }

  private void error(Session s, ErrorCode code, String message) {
    metrics.error(code);
    s.link.send(ServerMessages.error(code, message));
  }

  private void updateGauges() {
    metrics.users = byKey.size();
    metrics.queueLength = roulette.queueLength();
  }
}
