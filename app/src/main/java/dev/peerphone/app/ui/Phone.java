package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.FrameTap;
import dev.peerphone.app.rtc.VideoQuality;
import java.util.List;

/**
 * What the view-model needs from one signed-in client: the call commands, the camera and video
 * quality, and the audio side ({@link AudioPort}). The real one wraps a
 * {@link dev.peerphone.app.PeerClient}; tests use a fake.
 *
 * <p>Threading: called only on the model's engine worker thread, never on the FX thread (device
 * methods may block for seconds, e.g. audio enumeration without PulseAudio).
 */
public interface Phone extends AudioPort, AutoCloseable {
  void call(String peer);

  void accept(String peer);

  void reject(String peer);

  void hangup(String peer);

  void sendChat(String peer, String text);

  void setPaused(String kind, boolean paused);

  /** Hide my IP address: calls set up from now on relay all media through TURN. */
  void setRelayOnly(boolean relayOnly);

  /** Accept calls while in one ("Allow several calls") or answer them busy. */
  void setMultiCall(boolean on);

  void find();

  void next();

  void stopRoulette();

  /** Camera names, real cameras first, then the synthetic test patterns. */
  List<String> cameras();

  String currentCamera();

  void selectCamera(String name);

  /** Sends {@code q} from now on, mid-call too (no renegotiation). */
  void setVideoQuality(VideoQuality q);

  /** The size and rate being sent (a camera's: the mode it was asked for). */
  VideoQuality videoQuality();

  /**
   * Sends a screen instead of the camera in every call (no renegotiation): {@code screen} by name
   * or number, null for the first. Returns the shared screen's name; throws with a message for the
   * user (no display, unknown screen).
   */
  String shareScreen(String screen);

  /** Back to the camera used before sharing; nothing when not sharing. */
  void stopSharing();

  /** Told the reason when sharing ends by itself (the capture failed); any thread. */
  void setOnSharingEnded(java.util.function.Consumer<String> listener);

  /** Where decoded frames go (the renderer). */
  void setFrameTap(FrameTap tap);

  /** Hangs up, disconnects and releases native resources. */
  @Override
  void close();
}
