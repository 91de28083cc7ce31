package dev.peerphone.app.peerjs;

import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.PeerLink;
import dev.peerphone.app.call.SessionDescription;

/**
 * One PeerJS connection's RTCPeerConnection (implemented in {@code rtc}): a media connection
 * ({@code mc_…}: our tracks plus the caller's auxiliary DataChannel) or a data connection
 * ({@code dc_…}: one DataChannel), never renegotiated. Each has at most one DataChannel.
 *
 * <p>Threading: every method on the call executor; every {@link Listener} method is delivered
 * there. Methods never block and never throw; failures arrive as {@link Listener#failed}.
 */
public interface PeerJsLink {
  /** Caller: creates the offer; it arrives as {@link Listener#localDescription}. */
  void createOffer();

  /** Answerer: applies the offer and answers it. */
  void acceptOffer(SessionDescription offer);

  void acceptAnswer(SessionDescription answer);

  /** Queued until the remote description is set; the end marker is skipped. */
  void addRemoteCandidate(IceCandidate candidate);

  /** Caller: creates the connection's DataChannel (before {@link #createOffer}). */
  void openChannel(String label, boolean ordered);

  /** Sends one message on the open DataChannel; false when it is not open or too much is queued. */
  boolean send(byte[] bytes, boolean binary);

  PeerLink.VideoStats remoteVideo();

  /** Closes the DataChannel and the PeerConnection (the PeerJS hang-up); idempotent. */
  void close();

  /** Link events, on the call executor. */
  interface Listener {
    void localDescription(SessionDescription description);

    void localCandidate(IceCandidate candidate);

    void connected();

    void channelOpen();

    void channelMessage(byte[] bytes, boolean binary);

    /** The DataChannel closed: the other side hung up or closed the connection. */
    void channelClosed();

    void firstVideoFrame(int width, int height);

    void failed(String code, String message);
  }
}
