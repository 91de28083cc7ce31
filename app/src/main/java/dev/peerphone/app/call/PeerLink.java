package dev.peerphone.app.call;

/**
 * One media and data session with one remote user (a PeerConnection, in the {@code rtc} package).
 *
 * <p>Threading: every method is called on the call executor, and every {@link Listener} method
 * is delivered on the call executor. Methods never block on the network and never throw; a
 * failure is reported as {@link Listener#failed}.
 */
public interface PeerLink {
  /** Creates the offer (and, as offerer, the DataChannels); the result comes as {@link Listener#localDescription}. */
  void createOffer();

  /** Applies a remote offer and answers it; the answer comes as {@link Listener#localDescription}. */
  void acceptOffer(SessionDescription offer);

  /** Applies the remote answer to our offer. */
  void acceptAnswer(SessionDescription answer);

  /** Adds a remote candidate; queued until the remote description is set, end marker skipped. */
  void addRemoteCandidate(IceCandidate candidate);

  /** Sends a chat text on the open chat channel; returns false if no channel is open. */
  boolean sendChat(String text);

  /** Sends a control message (track paused, bye) on the control channel; false if not open. */
  boolean sendControl(String json);

  /** Frames received on the remote video track so far, with the last frame's size. */
  VideoStats remoteVideo();

  /** Remote audio received so far and how loud it is (silence until audio arrives). */
  AudioStats remoteAudio();

  /** Releases everything in the order libwebrtc needs; idempotent. */
  void close();

  /** Running totals of the remote video track. */
  record VideoStats(long frames, int width, int height) {}

  /**
   * Running totals of the remote audio track: 10 ms chunks played out so far, and the RMS level
   * (0 silence .. 1 full scale) of the last full second and of the last 100 ms.
   */
  record AudioStats(long chunks, double lastSecond, double recent) {
    /** {@code level} in dBFS, -120 for silence. */
    public static double dbfs(double level) {
      return level <= 1e-6 ? -120 : 20 * Math.log10(level);
    }
  }

  /** Callbacks from the link, on the call executor. */
  interface Listener {
    void localDescription(SessionDescription description);

    /** {@code candidate} null = gathering complete. */
    void localCandidate(IceCandidate candidate);

    /** ICE+DTLS connected. */
    void connected();

    /** A chat channel is open (ours or one the peer opened). */
    void chatOpen();

    /** All channels closed (the peer went away or hung up). */
    void chatClosed();

    void chatReceived(String text);

    void controlReceived(String json);

    /** The first remote video frame arrived. */
    void firstVideoFrame(int width, int height);

    /** Once per second while a candidate pair is selected: the call's statistics. */
    void stats(CallStats stats);

    /** The connection failed or an SDP step was refused; the call cannot continue. */
    void failed(String code, String message);

    /** Whether the link should report its setup steps ({@link #phase}); false by default. */
    default boolean tracing() {
      return false;
    }

    /** A setup step ({@code first-candidate}, {@code ice-connected}, ...) at {@code nanos} (System.nanoTime). */
    default void phase(String name, long nanos) {
    }
  }
}
