package dev.peerphone.app.rtc;

/**
 * Which local media a client sends.
 *
 * @param camera a camera or test-pattern name ({@link RtcEngine#TEST_PATTERN_640}, …), or null
 *     for the first real camera, falling back to the 640x480 test pattern
 * @param fakeAudio send silence from webrtc-java's headless audio module instead of a microphone
 * @param microphone a microphone name, or null for the default
 * @param video the size and rate to send, or null: a named test pattern keeps its own size, a
 *     camera is asked for 640x480@30
 */
public record MediaConfig(String camera, boolean fakeAudio, String microphone, VideoQuality video) {
  /** Without a video quality choice. */
  public MediaConfig(String camera, boolean fakeAudio, String microphone) {
    this(camera, fakeAudio, microphone, null);
  }

  /** Synthetic media only: what tests and machines without devices use. */
  public static MediaConfig synthetic() {
    return new MediaConfig(RtcEngine.TEST_PATTERN_640, true, null);
  }
}
