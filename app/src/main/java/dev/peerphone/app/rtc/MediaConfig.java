package dev.peerphone.app.rtc;

/**
 * Which local media a client sends, and where remote audio plays.
 *
 * @param camera a camera or test-pattern name ({@link RtcEngine#TEST_PATTERN_640}, …), or null
 *     for the first real camera, falling back to the 640x480 test pattern
 * @param fakeAudio send silence instead of using a microphone (no audio devices are opened)
 * @param microphone a microphone (its label or the sound server's name for it), or null for the
 *     default
 * @param speaker a speaker (label or server name), or null for the default
 * @param video the size and rate to send, or null: a named test pattern keeps its own size, a
 *     camera is asked for 640x480@30
 */
public record MediaConfig(String camera, boolean fakeAudio, String microphone, String speaker, VideoQuality video) {
  /** Camera and microphone choice; default speaker, no video quality choice. */
  public MediaConfig(String camera, boolean fakeAudio, String microphone) {
    this(camera, fakeAudio, microphone, null, null);
  }

  /** Synthetic media only: what tests and machines without devices use. */
  public static MediaConfig synthetic() {
    return new MediaConfig(RtcEngine.TEST_PATTERN_640, true, null);
  }
}
