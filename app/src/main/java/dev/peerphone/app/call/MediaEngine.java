package dev.peerphone.app.call;

import java.util.List;

/**
 * Creates peer links and owns the local media they send (implemented in {@code rtc}).
 *
 * <p>Threading: called on the call executor only.
 */
public interface MediaEngine {
  /** Opens a link to {@code peer}; {@code offerer} decides who creates the DataChannels. */
  PeerLink open(String peer, List<IceServer> iceServers, boolean offerer, PeerLink.Listener listener);

  /** Pauses or resumes the local track of {@code kind} ({@code audio} or {@code video}) on every link. */
  void setEnabled(String kind, boolean enabled);

  /** Whether the local track of {@code kind} is currently sending. */
  boolean isEnabled(String kind);
}
