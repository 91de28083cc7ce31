package dev.peerphone.app.audio;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The desktop's sound server (PulseAudio, or PipeWire's pulse server): which microphones and
 * speakers exist, and which of them carries the call's audio.
 *
 * <p>Why this exists: webrtc-java 0.14.0 cannot choose the recording or playout device on Linux
 * (#33: its device match uses an identifier the Pulse module leaves empty, so the default always
 * wins). libwebrtc opens its streams on the server's default; we then tell the server to move
 * this process's libwebrtc streams (application name {@link #WEBRTC_APPLICATION}) to the chosen
 * devices, and keep them there as streams are re-created.
 *
 * <p>Threading: every method may be called from any thread and returns promptly (no method
 * waits for more than a short round trip to the server). Listeners run on the server client's
 * own thread and must not block.
 */
public interface AudioServer extends AutoCloseable {
  /** The application name libwebrtc gives its Pulse streams ("recStream", "playStream"). */
  String WEBRTC_APPLICATION = "WEBRTC VoiceEngine";

  /** A device: the server's name for it (what routing uses) and the label people see. */
  record Endpoint(String name, String description) {}

  /** Which way a routed stream carries audio. */
  enum Direction {
    RECORDING,
    PLAYBACK
  }

  /**
   * A device chosen with {@link #routeRecording} or {@link #routePlayback} went away (or was not
   * there when chosen): {@code lost} is its name and last known description. Routing in that
   * direction follows the server's default from then on, until the next route call.
   */
  record Fallback(Direction direction, Endpoint lost) {}

  /** E.g. "PulseAudio 16.1" or "PulseAudio (on PipeWire 1.0.5)". */
  String describe();

  /** Microphones: the server's sources without monitors of speakers, in server order. */
  List<Endpoint> microphones();

  /** Speakers: the server's sinks, in server order. */
  List<Endpoint> speakers();

  /** The default source's name, unless there is none or it is a speaker's monitor. */
  Optional<String> defaultMicrophone();

  /** The default sink's name, if any. */
  Optional<String> defaultSpeaker();

  /**
   * Runs {@code listener} (on the client thread, coalesced) after microphones or speakers came,
   * went or changed, and after the defaults changed.
   */
  void addDevicesListener(Runnable listener);

  /**
   * Keeps every recording stream libwebrtc opens in this process on {@code source} (moving the
   * ones that exist now, and each new one as it appears); {@code null} follows the server's
   * default. A source that disappears falls back to the default.
   */
  void routeRecording(String source);

  /** As {@link #routeRecording} for playback streams and sinks. */
  void routePlayback(String sink);

  /**
   * Runs {@code listener} (on the client thread) each time a routed device disappears and
   * routing falls back to the default, e.g. to tell the user "Mic X disappeared, using the
   * default".
   */
  void addFallbackListener(Consumer<Fallback> listener);

  /** Disconnects; routing stops, streams stay where they are. Idempotent. */
  @Override
  void close();
}
