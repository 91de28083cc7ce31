package dev.peerphone.app.call;

/**
 * One ICE candidate in the browser's JSON shape ({@code {candidate, sdpMid, sdpMLineIndex}}).
 * {@code candidate} is the attribute text without {@code a=}; an empty one marks the end of
 * candidates and is never handed to libwebrtc.
 */
public record IceCandidate(String candidate, String sdpMid, int sdpMLineIndex) {
  /** True for the browser's end-of-candidates marker (empty or missing candidate text). */
  public boolean isEndOfCandidates() {
    return candidate == null || candidate.isBlank();
  }
}
