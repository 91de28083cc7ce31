package dev.peerphone.app.call;

/**
 * Starting calls, split from {@link CallController} along its seam: ringing or offering to a
 * peer, picking up a call that rings here, and the calls of a roulette pairing (the links'
 * offers and answers are {@link Links}'). PeerJS users go to the PeerJS engine instead.
 *
 * <p>Threading: confined to the call executor, like the controller whose state it shares.
 */
final class CallSetup {
  private final CallController ctl;
  private final SignalingPort signaling;
  private final IceCredentials ice;
  private final Links links;

  CallSetup(CallController ctl, SignalingPort signaling, IceCredentials ice, Links links) {
    this.ctl = ctl;
    this.signaling = signaling;
    this.ice = ice;
    this.links = links;
  }

  void startOutgoing(String peer, boolean ring) {
    Call existing = ctl.calls.get(CallController.key(peer));
    if (existing == null && ctl.peerjs.handles(peer)) {
      ctl.peerjs.call(peer); // a PeerJS user: no ring, a PeerJS media call
      return;
    }
    if (existing != null && existing.phase == Call.Phase.RINGING_IN) {
      acceptIncoming(peer); // calling someone who is ringing us: pick up
      return;
    }
    if (existing != null) {
      ctl.emit(new CallEvent.Error("already-in-call", "Already in a call with " + existing.peer));
      return;
    }
    if (ctl.busy(peer)) {
      ctl.emit(new CallEvent.Error("busy", "Already in a call; enable multi-call to add another"));
      return;
    }
    if (ice.relayUnavailable()) {
      ctl.emit(new CallEvent.CallEnded(peer, "relay-unavailable")); // the UI may show it as calling already
      ctl.relayUnavailable();
      return;
    }
    Call c = new Call(peer, ring ? Call.Phase.RINGING_OUT : Call.Phase.CONNECTING, System.nanoTime(), false);
    ctl.calls.put(CallController.key(peer), c);
    if (ring) {
      ice.refreshIfStale(); // while it rings, so the answer finds fresh credentials
      ctl.phase(c, "call-sent");
      signaling.call(peer);
      ctl.emit(new CallEvent.Ringing(peer));
      links.prepareOffer(c); // while it rings; held until the peer accepts
    } else {
      ctl.links.start(c, true, null);
    }
  }

  void acceptIncoming(String peer) {
    Call c = ctl.calls.get(CallController.key(peer));
    if (c == null || c.phase != Call.Phase.RINGING_IN) {
      return;
    }
    if (ice.relayUnavailable()) {
      if (c.pendingOffer != null) {
        signaling.leave(c.peer);
      } else {
        signaling.reject(c.peer, "declined");
      }
      ctl.end(c, "relay-unavailable", false);
      ctl.relayUnavailable(); // after the end, so the message is the last word
      return;
    }
    c.phase = Call.Phase.CONNECTING;
    if (c.pendingOffer != null) {
      SessionDescription offer = c.pendingOffer;
      c.pendingOffer = null;
      ctl.links.start(c, false, offer);
    } else {
      ice.refreshIfStale(); // while the caller prepares its offer
      signaling.accept(c.peer); // the caller sends the offer now
      ctl.phase(c, "accept-sent");
    }
  }

  /** A roulette pairing: the initiator offers, the other side waits for the offer. */
  void startRouletteCall(String peer, boolean initiator) {
    Call c = new Call(peer, Call.Phase.CONNECTING, System.nanoTime(), true);
    ctl.calls.put(CallController.key(peer), c);
    if (initiator) {
      ctl.links.start(c, true, null);
    } else {
      ice.refreshIfStale(); // while the partner prepares its offer
    }
  }
}
