package dev.peerphone.app.call;

/**
 * The calls' {@link PeerLink}s: opening one once the ICE credentials are fresh (PROTOCOL.md, ICE;
 * at once when they are, else after the server's {@code ice} reply, the peer's candidates waiting
 * in the call meanwhile, a later request replacing an earlier one), answering on it, and the
 * once-a-second report of what arrives on each. Relay-only without a TURN server ends the call
 * with {@code relay-unavailable} instead of opening a link that could never connect.
 *
 * <p>Threading: call executor only.
 */
final class Links {
  private final CallController ctl;
  private final SignalingPort signaling;
  private final MediaEngine media;
  private final IceCredentials ice;

  Links(CallController ctl, SignalingPort signaling, MediaEngine media, IceCredentials ice) {
    this.ctl = ctl;
    this.signaling = signaling;
    this.media = media;
    this.ice = ice;
  }

  /**
   * While our ring is pending: opens the link and prepares the offer (the PeerConnection, the
   * offer, candidate gathering) so that the peer's {@code accept} only has to send them; nothing
   * reaches the peer before {@link #accepted}.
   */
  void prepareOffer(Call c) {
    c.holdSignals = true;
    begin(c, true, null);
  }

  /** The peer accepted our ring: sends the prepared offer and candidates, or offers now. */
  void accepted(Call c) {
    if (!c.holdSignals) {
      start(c, true, null);
      return;
    }
    c.holdSignals = false;
    if (c.heldOffer != null) {
      signaling.offer(c.peer, c.heldOffer);
      ctl.phase(c, "offer-sent");
      c.heldOffer = null;
    }
    for (IceCandidate ic : c.heldCandidates) {
      signaling.candidate(c.peer, ic);
    }
    c.heldCandidates.clear();
  }

  /** Opens the link, then offers ({@code offer} null) or answers {@code offer}. */
  void start(Call c, boolean offerer, SessionDescription offer) {
    if (c.holdSignals) {
      dropPrepared(c); // the peer offered instead of accepting our ring
    }
    begin(c, offerer, offer);
  }

  private void begin(Call c, boolean offerer, SessionDescription offer) {
    c.plannedOfferer = offerer;
    c.plannedOffer = offer;
    if (c.awaitingIce) {
      return;
    }
    c.awaitingIce = true;
    ice.whenFresh(() -> open(c));
  }

  private void open(Call c) {
    c.awaitingIce = false;
    if (!ctl.isLive(c)) {
      return;
    }
    if (ice.relayUnavailable()) {
      ctl.end(c, "relay-unavailable", true);
      ctl.relayUnavailable(); // after the end, so the message is the last word
      return;
    }
    SessionDescription toAnswer = c.plannedOffer;
    c.plannedOffer = null;
    c.offerer = c.plannedOfferer;
    c.link = media.open(c.peer, ice.config(), c.offerer, new LinkEvents(ctl, c, signaling, media));
    if (c.offerer) {
      c.link.createOffer();
    } else if (toAnswer != null) {
      answer(c, toAnswer);
    }
  }

  private void dropPrepared(Call c) {
    c.holdSignals = false;
    c.heldOffer = null;
    c.heldCandidates.clear();
    if (c.link != null) {
      c.link.close();
      c.link = null;
    }
  }

  /** Answers {@code offer} on the open link, then adds the candidates that came before it. */
  void answer(Call c, SessionDescription offer) {
    c.link.acceptOffer(offer);
    for (IceCandidate ic : c.pendingCandidates) {
      c.link.addRemoteCandidate(ic);
    }
    c.pendingCandidates.clear();
  }

  /** Once a second: what arrived from each peer since the last report. */
  void report(Iterable<Call> calls) {
    for (Call c : calls) {
      if (c.link == null) {
        continue;
      }
      PeerLink.VideoStats s = c.link.remoteVideo();
      if (s.frames() > c.reportedFrames) {
        c.reportedFrames = s.frames();
        ctl.emit(new CallEvent.RemoteVideo(c.peer, s.frames(), s.width(), s.height()));
      }
      PeerLink.AudioStats a = c.link.remoteAudio();
      if (a.chunks() > c.reportedAudioChunks) {
        c.reportedAudioChunks = a.chunks();
        ctl.emit(new CallEvent.RemoteAudio(c.peer, a.lastSecond(), PeerLink.AudioStats.dbfs(a.lastSecond())));
      }
    }
  }
}
