package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ClientMessage;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * One connection's place in the hub: identity, calls, ringing and roulette state.
 *
 * <p>Threading: all fields without another note are owned by the hub's core thread. {@link #guard}
 * belongs to the network thread that decodes this connection; {@link #pongSeen} is the one field
 * both write.
 */
final class Session {
  final Link link;
  /** Where the client really connects from (see ClientAddressResolver); null if unknown. */
  final InetAddress clientAddress;
  final long openedAtNanos;
  /** The address this connection counts against for the per-IP caps (connections, logins, names). */
  final InetAddress countKey;
  /** Counted per address at WebSocket open (a trusted proxy's connection), not at accept. */
  final boolean countedAtOpen;
  final Guard guard;

  String name;
  String key;
  /** The name as a JSON string literal, ready to stamp on relayed messages. */
  String quotedName;
  /** This login's resume token (a secret: never relayed, listed or logged). */
  String token;
  /** Taken over by a resumed login: this connection is closing and no longer speaks for the user. */
  boolean superseded;
  /** Closed by the server as an abuser (1008): what it still sent is neither answered nor counted. Core thread. */
  boolean closing;
  /** Announced {@code features:["ring"]}: handles call/accept/reject (else a classic page). */
  boolean ring;
  /** Announced {@code features:["peerjs"]}: takes {@code peerjs} messages from PeerJS peers (docs/PEERJS.md). */
  boolean acceptsPeerJs;

  /**
   * A PeerJS client on the PeerServer endpoint (set before the core first sees it): it is sent
   * PeerServer's frames only, never Peerphone's JSON. Its {@link #name} is its id.
   */
  PeerJsOpen peerJs;
  /** A PeerJS client's token (PeerServer's reconnect secret); null for Peerphone users. */
  String peerJsToken;
  /** A PeerJS client's frames received while its id's claim waits for the cluster directory ({@link #loginPending}); else null. */
  ArrayDeque<dev.peerphone.signaling.peerjs.PeerJsMessage> peerJsHeld;
  /** When a PeerJS client last sent anything (its HEARTBEATs), for the alive timeout. */
  long lastHeartbeatNanos;

  /** Peers this user is in a call with (first offer/answer/accept until leave/reject). */
  final Set<Session> calls = new HashSet<>(4);
  /** Peers this user rang or was rung by, until accept, reject or leave. */
  final Set<Session> ringing = new HashSet<>(4);

  /** Name keys of users on other nodes this user is in a call with (a cluster node only; see CrossNode). */
  final Set<String> remoteCalls = new HashSet<>(2);
  /** Name keys of users on other nodes this user rang or was rung by. */
  final Set<String> remoteRinging = new HashSet<>(2);

  /** The login waits for the cluster directory; what the client sends meanwhile waits in {@link #held}. */
  boolean loginPending;
  /** Messages received while the login was pending, handled in order once it is decided; else null. */
  ArrayDeque<ClientMessage> held;

  boolean queued;
  long queuedSince;
  Session roulettePartner;
  /** A cluster node's roulette partner, by name key, wherever it is (see SharedRoulette); else null. */
  String rouletteKey;
  /** A cluster node's place in the global roulette queue (its arrival number; 0 if unknown). */
  long arrival;
  /** A cluster node's partner this user last left (or was left by) via next, by key (restored after a Redis restart). */
  String leftKey;
  /** The partner this user last left (or was left by) via next: not re-matched while others wait. */
  Session lastLeft;

  int missedPongs;
  volatile boolean pongSeen;
  boolean closed;

  Session(Link link, InetAddress clientAddress, long openedAtNanos, InetAddress countKey, boolean countedAtOpen,
      Guard guard) {
    this.link = link;
    this.clientAddress = clientAddress;
    this.openedAtNanos = openedAtNanos;
    this.countKey = countKey;
    this.countedAtOpen = countedAtOpen;
    this.guard = guard;
  }

  /** The query of a PeerJS client's WebSocket request, as it asked to register. */
  record PeerJsOpen(String key, String id, String token) {}

  boolean isPeerJs() {
    return peerJs != null;
  }

  boolean loggedIn() {
    return name != null;
  }

  /** In at least one call, with a user of this node or of another. */
  boolean inCall() {
    return !calls.isEmpty() || !remoteCalls.isEmpty();
  }

  String status() {
    if (inCall() || roulettePartner != null || rouletteKey != null) {
      return "busy";
    }
    return queued ? "matching" : "available";
  }

  /** Input limits of one connection; used only by the network thread that decodes it. */
  static final class Guard {
    final TokenBucket bucket;
    final StrikeCounter strikes;

    Guard(TokenBucket bucket, StrikeCounter strikes) {
      this.bucket = bucket;
      this.strikes = strikes;
    }
  }
}
