package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.video.VideoTrackSource;

/**
 * A local video source: a camera or a synthetic test pattern. Owned by {@link LocalMedia};
 * {@link #start}/{@link #stop}/{@link #dispose} are called on the call executor.
 */
interface VideoInput {
  String name();

  VideoTrackSource source();

  void start();

  /** Stops producing frames; after it returns no more frames are pushed. */
  void stop();

  void dispose();
}
