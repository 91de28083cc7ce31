package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.AudioState;
import dev.peerphone.app.rtc.PhoneSound;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * The audio part of {@link Phone}: microphones and speakers, the ones in use and their changes,
 * the input level, who is speaking, and the phone's own sounds. The real one passes through to
 * {@link dev.peerphone.app.rtc.AudioControl}; tests use a fake that records what was asked.
 *
 * <p>Threading: as {@link Phone}, called on the model's worker only. The listeners given here
 * are called on engine threads and must only hand over (never block).
 */
public interface AudioPort {
  /** Microphone labels; empty without an audio server. */
  List<String> microphones();

  /** Speaker labels; empty without an audio server. */
  List<String> speakers();

  /** Switches the microphone (mid-call too); false if there is no such one. */
  boolean selectMicrophone(String name);

  /** Switches the speaker remote audio and the phone's sounds play on; false if there is none such. */
  boolean selectSpeaker(String name);

  /** The devices in use, the sound server ("" for none) and any standing problem as the notice. */
  AudioState audioState();

  /**
   * {@code changed}: the devices in use changed (chosen, vanished: then with a notice for the
   * user). {@code devicesChanged}: microphones or speakers came or went.
   */
  void setAudioListeners(Consumer<AudioState> changed, Runnable devicesChanged);

  /** Per peer in a call, the remote audio level of the last 100 ms (RMS, 0..1). */
  Map<String, Double> remoteLevels();

  /**
   * "Mute for me": stops (or restarts) playing {@code peer}'s audio here only; the peer still
   * sends and its level still counts for {@link #remoteLevels}. False without a call with {@code peer}.
   */
  boolean setRemoteMuted(String peer, boolean muted);

  /** Per peer whose audio has arrived: whether the engine plays it here (false: muted for me). */
  Map<String, Boolean> remotePlaying();

  /**
   * Starts metering the microphone in use (following it when it changes): 0..1, about 20 times a
   * second, on the meter's thread. Nothing is reported without an audio server. Close to stop.
   */
  AutoCloseable startInputMeter(DoubleConsumer level);

  /** Plays a ring (looping, replacing the other one) or the test sound on the speaker in use. */
  void play(PhoneSound sound);

  /** Stops the ringtone or ringback. */
  void stopRinging();
}
