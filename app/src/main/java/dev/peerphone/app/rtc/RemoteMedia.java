package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.peerphone.app.call.PeerLink;
import java.util.function.BiConsumer;

/**
 * What one peer connection receives, shared by {@link PeerSession} and {@link PeerJsSession}: the
 * first remote video and audio tracks with their sinks (frames counted and shown, audio measured
 * for levels), "mute for me", and taking the sinks off again in the close order webrtc-java
 * 0.14.0 needs.
 *
 * <p>Threading: call executor, except the sinks' own callbacks (see {@link RemoteVideoSink},
 * {@link RemoteAudioSink}).
 */
final class RemoteMedia {
  /** A session with a {@link RemoteMedia}: what {@link AudioControl} reads and mutes per peer. */
  interface Holder {
    String peer();

    RemoteMedia received();
  }

  private final RemoteVideoSink videoSink;
  private final RemoteAudioSink audioSink = new RemoteAudioSink();
  private VideoTrack video;
  private AudioTrack audio;
  /** "Mute for me": the peer's audio is not played here (it still arrives and is measured). */
  private boolean audioMuted;

  /**
   * {@code firstFrame} is told the first frame's size on the decoder thread (it must hop); every
   * frame goes to the media's display tap as {@code peer}'s.
   */
  RemoteMedia(String peer, LocalMedia media, BiConsumer<Integer, Integer> firstFrame) {
    this.videoSink = new RemoteVideoSink(firstFrame, frame -> media.tap().onFrame(peer, frame));
  }

  /** A track arrived (call executor): the first of each kind gets its sink; later ones are ignored. */
  void adopt(MediaStreamTrack track) {
    if (track instanceof VideoTrack v && video == null) {
      video = v; // keep this wrapper: removeSink must use the same instance
      v.addSink(videoSink);
    } else if (track instanceof AudioTrack a && audio == null) {
      audio = a; // the same wrapper for removeSink
      a.addSink(audioSink);
      if (audioMuted) {
        a.setEnabled(false);
      }
    }
  }

  PeerLink.VideoStats videoStats() {
    return videoSink.stats();
  }

  PeerLink.AudioStats audioStats() {
    return audioSink.stats();
  }

  /** Whether the peer's audio track has arrived. */
  boolean hasAudio() {
    return audio != null;
  }

  /**
   * Plays the peer's audio here or not ("mute for me"): disabling the received track makes
   * libwebrtc play it at volume 0; the peer still sends and {@link #audioStats()} still measures
   * it (its sink sees the audio before the volume). Applied to a track that arrives later.
   */
  void setAudioMuted(boolean muted) {
    audioMuted = muted;
    if (audio != null) {
      audio.setEnabled(!muted);
    }
  }

  /** Whether the received audio track is playing here: null before it arrived, else its enabled state. */
  Boolean audioPlaying() {
    return audio == null ? null : audio.isEnabled();
  }

  /** First step of a close: the sinks come off the tracks. */
  void detach(NativeHop hop) {
    hop.step("remove sink", () -> {
      if (video != null) {
        video.removeSink(videoSink);
      }
    });
    hop.step("remove audio sink", () -> {
      if (audio != null) {
        audio.removeSink(audioSink);
      }
    });
  }
}
