package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.video.VideoTrackSource;

/**
 * A local video source: a camera or a synthetic test pattern. Owned by {@link LocalMedia};
 * {@link #start}/{@link #stop}/{@link #dispose} are called on the call executor.
 */
interface VideoInput {
  String name();

  VideoTrackSource source();

  /** The size and rate this input produces (for a camera: the mode it was asked for). */
  VideoQuality quality();

  void start();

  /** Stops producing frames; after it returns no more frames are pushed. */
  void stop();

  void dispose();
}
