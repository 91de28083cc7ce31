package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.video.VideoFrame;

/**
 * Hands decoded video frames to a display (the desktop UI): remote frames under the peer's name,
 * local preview frames under {@link #LOCAL}. Set with {@link RtcEngine#setFrameTap}.
 *
 * <p>Threading: called on libwebrtc's decoder thread (remote) or the video input's thread
 * (local); must return quickly, never block and never throw. The caller releases the frame after
 * {@code onFrame} returns: call {@link VideoFrame#retain()} to keep it longer, and release it
 * exactly once later.
 */
@FunctionalInterface
public interface FrameTap {
  /** The source name of local preview frames. */
  String LOCAL = "";

  void onFrame(String source, VideoFrame frame);
}
