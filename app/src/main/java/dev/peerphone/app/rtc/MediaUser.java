package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.MediaStreamTrack;

/** A session sending the local tracks: told about camera switches, closed before the tracks are disposed. */
interface MediaUser {
  /** Replaces the outgoing track of the same kind, without renegotiation. */
  void replaceTrack(MediaStreamTrack track);

  void close();
}
