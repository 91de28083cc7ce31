package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.peerphone.app.call.IceCandidate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote candidates of one RTCPeerConnection, shared by {@link PeerSession} and
 * {@link PeerJsSession}: libwebrtc silently drops candidates added before the remote description
 * is set, so those wait here until {@link #remoteSet}; it throws on the browser's empty
 * end-of-candidates marker, so that is skipped; a bad candidate is logged, never thrown.
 *
 * <p>Threading: call executor.
 */
final class RemoteCandidates {
  private static final Logger log = LoggerFactory.getLogger(RemoteCandidates.class);
  private final String peer;
  private final RTCPeerConnection pc;
  private final List<IceCandidate> early = new ArrayList<>();
  private boolean remoteDescriptionSet;

  RemoteCandidates(String peer, RTCPeerConnection pc) {
    this.peer = peer;
    this.pc = pc;
  }

  void add(IceCandidate candidate) {
    if (candidate == null || candidate.isEndOfCandidates()) {
      return;
    }
    if (!remoteDescriptionSet) {
      early.add(candidate);
      return;
    }
    try {
      pc.addIceCandidate(Sdp.toNative(candidate));
    } catch (Throwable t) {
      log.warn("{}: bad remote candidate {}: {}", peer, candidate, t.toString());
    }
  }

  /** The remote description is set: the candidates that waited go in, in order. */
  void remoteSet() {
    remoteDescriptionSet = true;
    for (IceCandidate c : early) {
      add(c);
    }
    early.clear();
  }
}
