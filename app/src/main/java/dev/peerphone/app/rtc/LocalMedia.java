package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local audio and video tracks, shared by every session, and the video input behind them.
 * Switching the input makes a new track and {@code replaceTrack}s it into every session's video
 * sender: no renegotiation. Pause/resume is {@code setEnabled} on the track.
 *
 * <p>Threading: call executor only.
 */
final class LocalMedia {
  private static final Logger log = LoggerFactory.getLogger(LocalMedia.class);

  private final PeerConnectionFactory factory;
  private final AudioTrack audio;
  private final Set<MediaUser> sessions = new LinkedHashSet<>();
  private VideoInput input;
  private VideoTrack video;
  private int trackCounter;
  private boolean audioEnabled = true;
  /** No microphone: the track stays muted whatever the user chose, so libwebrtc sends silence. */
  private boolean silenced;
  private boolean videoEnabled = true;
  private volatile FrameTap tap = (source, frame) -> { };
  /** Local preview: added to the video track only once a tap is set (headless peers skip the copy). */
  private final dev.onvoid.webrtc.media.video.VideoTrackSink preview = this::previewFrame;
  private boolean previewAttached;

  LocalMedia(PeerConnectionFactory factory, VideoInput input) {
    this.factory = factory;
    // AudioTrackSource has no dispose in 0.14.0 (#287): one native ref per engine, on purpose only one.
    this.audio = factory.createAudioTrack("audio0", factory.createAudioSource(new AudioOptions()));
    this.input = input;
    input.start();
    this.video = factory.createVideoTrack("video" + trackCounter++, input.source());
  }

  List<MediaStreamTrack> tracks() {
    List<MediaStreamTrack> list = new ArrayList<>();
    list.add(audio);
    list.add(video);
    return list;
  }

  /** Read on libwebrtc threads. */
  FrameTap tap() {
    return tap;
  }

  void setTap(FrameTap t) {
    tap = t;
    if (!previewAttached) {
      previewAttached = true;
      video.addSink(preview);
    }
  }

  /** On the video input's thread: forward, never throw, release our reference. */
  private void previewFrame(dev.onvoid.webrtc.media.video.VideoFrame frame) {
    try {
      tap.onFrame(FrameTap.LOCAL, frame);
    } catch (Throwable t) {
      log.warn("preview tap", t);
    } finally {
      try {
        frame.release();
      } catch (Throwable t) {
        log.warn("preview release", t);
      }
    }
  }

  void attach(MediaUser s) {
    sessions.add(s);
  }

  List<MediaUser> sessions() {
    return new ArrayList<>(sessions);
  }

  void detach(MediaUser s) {
    sessions.remove(s);
  }

  String videoInputName() {
    return input.name();
  }

  VideoQuality videoQuality() {
    return input.quality();
  }

  void setEnabled(String kind, boolean enabled) {
    if ("audio".equals(kind)) {
      audioEnabled = enabled;
      audio.setEnabled(enabled && !silenced);
    } else if ("video".equals(kind)) {
      videoEnabled = enabled;
      video.setEnabled(enabled);
    }
  }

  /**
   * Mutes the audio track while there is no microphone (a muted track sends digital silence;
   * webrtc-java's headless module would otherwise send the remote side's own audio back).
   */
  void setSilenced(boolean s) {
    silenced = s;
    audio.setEnabled(audioEnabled && !silenced);
  }

  boolean isEnabled(String kind) {
    return "audio".equals(kind) ? audioEnabled : videoEnabled;
  }

  /**
   * Switches to {@code next} mid-call; the old track and input are released after the swap. The
   * same input again (at another quality) is stopped first: a camera cannot capture twice at once.
   */
  void switchVideo(VideoInput next) {
    boolean same = next.name().equals(input.name());
    if (same) {
      input.stop();
    }
    try {
      next.start();
    } catch (Throwable t) {
      step("dispose unusable video input", next::dispose);
      if (same) {
        step("restart video input", input::start);
      }
      throw t;
    }
    VideoTrack track = factory.createVideoTrack("video" + trackCounter++, next.source());
    track.setEnabled(videoEnabled);
    if (previewAttached) {
      track.addSink(preview);
    }
    for (MediaUser s : sessions) {
      s.replaceTrack(track);
    }
    VideoTrack oldTrack = video;
    VideoInput oldInput = input;
    video = track;
    input = next;
    if (!same) {
      oldInput.stop();
    }
    if (previewAttached) {
      step("remove old preview sink", () -> oldTrack.removeSink(preview));
    }
    step("dispose old video track", oldTrack::dispose);
    step("dispose old video input", oldInput::dispose);
  }

  /** Steps 1, 7, 8 of the close order; sessions must be closed before. */
  void dispose() {
    step("stop video input", input::stop);
    if (previewAttached) {
      step("remove preview sink", () -> video.removeSink(preview));
    }
    step("dispose video track", video::dispose);
    step("dispose audio track", audio::dispose);
    step("dispose video input", input::dispose);
  }

  private static void step(String what, Runnable r) {
    try {
      r.run();
    } catch (Throwable t) {
      log.warn("{} failed: {}", what, t.toString());
    }
  }
}
