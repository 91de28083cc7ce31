package dev.peerphone.app.call;

/**
 * What the call engine sends to the signaling server. Implementations never block and never
 * throw; a message sent while the connection is down is dropped (the caller learns about the
 * outage through {@link CallController#signalingDown()}).
 */
public interface SignalingPort {
  void offer(String peer, SessionDescription offer);

  void answer(String peer, SessionDescription answer);

  /** {@code candidate} null sends the end-of-candidates marker. */
  void candidate(String peer, IceCandidate candidate);

  void leave(String peer);

  void call(String peer);

  void accept(String peer);

  void reject(String peer, String reason);

  void chat(String peer, String text);

  void find();

  void next();

  void stop();

  /** Asks for fresh ICE servers (TURN credentials); the reply arrives as {@link Signal.Ice}. */
  void ice();
}
