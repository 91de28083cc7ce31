package dev.peerphone.app.call;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** The engine's record of one call. Confined to the call executor. */
final class Call {
  enum Phase { RINGING_OUT, RINGING_IN, CONNECTING, CONNECTED }

  final String peer;
  final long startNanos;
  final boolean roulette;
  Phase phase;
  boolean offerer;
  PeerLink link;
  boolean chatOpen;
  boolean chatOpenReported;
  boolean firstFrameReported;
  long reportedFrames;
  long reportedAudioChunks;
  /** An offer that arrived while we still ring (answered once the user accepts). */
  SessionDescription pendingOffer;
  final List<IceCandidate> pendingCandidates = new ArrayList<>();
  /** Chat texts waiting for the channel to open; never dropped silently. */
  final ArrayDeque<String> outbox = new ArrayDeque<>();
  ScheduledFuture<?> pendingLeave;
  /** Media waits for fresh ICE credentials; {@link #plannedOffer} is what it will answer (null: we offer). */
  boolean awaitingIce;
  boolean plannedOfferer;
  SessionDescription plannedOffer;
  /**
   * Our ring is pending and the link prepares the offer meanwhile: the offer and our candidates
   * wait in {@link #heldOffer} / {@link #heldCandidates} until the peer accepts.
   */
  boolean holdSignals;
  SessionDescription heldOffer;
  final List<IceCandidate> heldCandidates = new ArrayList<>();

  Call(String peer, Phase phase, long startNanos, boolean roulette) {
    this.peer = peer;
    this.phase = phase;
    this.startNanos = startNanos;
    this.roulette = roulette;
  }

  boolean mediaStarted() {
    return link != null;
  }
}
