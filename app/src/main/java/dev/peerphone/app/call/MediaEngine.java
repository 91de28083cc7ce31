package dev.peerphone.app.call;

/**
 * Creates peer links and owns the local media they send (implemented in {@code rtc}).
 *
 * <p>Threading: called on the call executor only.
 */
public interface MediaEngine {
  /**
   * Opens a link to {@code peer} that gathers candidates as {@code ice} says (servers, relay-only);
   * {@code offerer} decides who creates the DataChannels.
   */
  PeerLink open(String peer, IceConfig ice, boolean offerer, PeerLink.Listener listener);

  /** Pauses or resumes the local track of {@code kind} ({@code audio} or {@code video}) on every link. */
  void setEnabled(String kind, boolean enabled);

  /** Whether the local track of {@code kind} is currently sending. */
  boolean isEnabled(String kind);
}
