package dev.peerphone.signaling.server;

/**
 * A resumed login takes over a session (PROTOCOL, Resuming): the new connection inherits the old
 * one's calls, ringing and roulette place or partner, and every peer now points at the new one.
 * Nobody is told: to the peers the user never left. Core thread only.
 */
final class Takeover {
  private Takeover() {}

  /**
   * {@code old} resumed on another node: its peers here now reach it there, by its name key, and
   * nobody is told; {@code old} keeps no state.
   */
  static void movedAway(Session old, String key, Roulette roulette) {
    for (Session peer : old.calls) {
      peer.calls.remove(old);
      peer.remoteCalls.add(key);
    }
    for (Session peer : old.ringing) {
      peer.ringing.remove(old);
      peer.remoteRinging.add(key);
    }
    old.calls.clear();
    old.ringing.clear();
    old.rouletteKey = null;
    roulette.remove(old);
  }

  /** Moves {@code from}'s call, ringing and roulette state to {@code to}; {@code from} keeps none. */
  static void transfer(Session from, Session to, Roulette roulette) {
    for (Session peer : from.calls) {
      peer.calls.remove(from);
      peer.calls.add(to);
      to.calls.add(peer);
    }
    for (Session peer : from.ringing) {
      peer.ringing.remove(from);
      peer.ringing.add(to);
      to.ringing.add(peer);
    }
    from.calls.clear();
    from.ringing.clear();
    to.remoteCalls.addAll(from.remoteCalls);
    to.remoteRinging.addAll(from.remoteRinging);
    from.remoteCalls.clear();
    from.remoteRinging.clear();
    to.rouletteKey = from.rouletteKey;
    from.rouletteKey = null;
    to.arrival = from.arrival; // a cluster node's queue place and bond, for a Redis restart
    to.leftKey = from.leftKey;
    roulette.handOver(from, to);
  }
}
