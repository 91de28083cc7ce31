package dev.peerphone.app.call;

/**
 * The roulette client: {@code find} queues ("Waiting for a free peer"), on {@code match} the
 * initiator offers, {@code next} hangs up and queues again, a partner who leaves puts us back
 * in the queue, like the original chat roulette. The server tells the partner about our
 * {@code next}/{@code stop}, so roulette calls end without a {@code leave}.
 *
 * <p>Threading: confined to the call executor (called by {@link CallController}).
 */
final class Roulette {
  static final String WAITING = "Waiting for a free peer";
  static final String CONNECTED = "Connected to a peer";

  enum State { OFF, WAITING, PAIRED }

  private final CallController core;
  private final SignalingPort signaling;
  private State state = State.OFF;
  /** The partner when it is a PeerJS user (its call lives in the PeerJS engine), else null. */
  private String peerJsPartner;

  Roulette(CallController core, SignalingPort signaling) {
    this.core = core;
    this.signaling = signaling;
  }

  void find() {
    signaling.find();
    waiting();
  }

  void next() {
    Call c = core.rouletteCall();
    state = State.WAITING; // before ending: "next" itself requeues us on the server
    if (c != null) {
      core.end(c, "next", false);
    }
    endPeerJsPartner("next");
    signaling.next();
    waiting();
  }

  void stop() {
    State was = state;
    state = State.OFF;
    Call c = core.rouletteCall();
    if (c != null) {
      core.end(c, "hangup", false);
    }
    endPeerJsPartner("hangup");
    if (was != State.OFF) {
      signaling.stop();
      core.emit(new CallEvent.RouletteStatus(""));
    }
  }

  /** The engine is shutting down: roulette calls end with a {@code stop}. */
  void off() {
    state = State.OFF;
  }

  /** A new server session knows nothing about our place in the queue. */
  void loggedIn() {
    if (state == State.WAITING) {
      signaling.find();
    }
  }

  void matched(String peer, boolean initiator, boolean peerjs) {
    core.emit(new CallEvent.Match(peer, initiator));
    Call old = core.rouletteCall();
    if (old != null) {
      core.end(old, "next", false);
    }
    endPeerJsPartner("next");
    state = State.PAIRED;
    if (peerjs) {
      peerJsPartner = peer; // a PeerJS page: its call is a PeerJS media call
      core.peerjs.rouletteMatched(peer, initiator);
    } else {
      core.setup.startRouletteCall(peer, initiator);
    }
  }

  void connected() {
    core.emit(new CallEvent.RouletteStatus(CONNECTED));
  }

  /** Whether {@code peer} is the PeerJS partner. */
  boolean isPeerJsPartner(String peer) {
    return peer.equalsIgnoreCase(String.valueOf(peerJsPartner));
  }

  /** The PeerJS engine's call with {@code peer} connected. */
  void peerJsConnected(String peer) {
    if (isPeerJsPartner(peer)) {
      connected();
    }
  }

  /** The PeerJS engine's call with {@code peer} ended ({@code byUs} when we hung up). */
  void peerJsEnded(String peer, String reason, boolean byUs) {
    if (isPeerJsPartner(peer)) {
      peerJsPartner = null;
      ended(reason, byUs);
    }
  }

  /** Ends the PeerJS partner's call, if any (next/stop: the page is told by its connection closing). */
  private void endPeerJsPartner(String reason) {
    if (peerJsPartner != null) {
      String p = peerJsPartner;
      peerJsPartner = null;
      core.peerjs.hangup(p, reason);
    }
  }

  /** After a roulette call ended; {@code weEndedIt} when we hung up (failure, shutdown). */
  void ended(String reason, boolean weEndedIt) {
    if (weEndedIt) {
      if (state == State.OFF) {
        signaling.stop();
      } else {
        signaling.next();
        waiting();
      }
    } else if (state == State.PAIRED && !"next".equals(reason)) {
      signaling.find(); // the partner left
      waiting();
    }
  }

  private void waiting() {
    state = State.WAITING;
    core.emit(new CallEvent.RouletteStatus(WAITING));
  }
}
