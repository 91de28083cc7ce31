package dev.peerphone.app.rtc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio side of an engine as a user controls it: which microphones and speakers exist, which
 * ones carry the calls, switching them mid-call (no renegotiation), silence when there is no
 * microphone, who is speaking, and the phone's own sounds and input-level meter on the devices
 * in use.
 *
 * <p>Threading: state lives on the call executor. Public methods post there and wait, so call
 * them from any thread except the call executor; listeners are called on the call executor and
 * must not block.
 */
public final class AudioControl {
  private static final Logger log = LoggerFactory.getLogger(AudioControl.class);

  private final Executor executor;
  private final LocalAudio audio;
  private final LocalMedia media;
  private final LocalSounds sounds;
  private volatile Consumer<AudioState> onChanged = a -> { };
  private volatile Runnable onDevicesChanged = () -> { };

  AudioControl(Executor executor, LocalAudio audio, LocalMedia media) {
    this.executor = executor;
    this.audio = audio;
    this.media = media;
    this.sounds = new LocalSounds(audio.server().isPresent());
    media.setSilenced(!audio.hasMicrophone());
    audio.setNotices(this::changed);
    audio.server().ifPresent(s -> s.addDevicesListener(() -> executor.execute(this::devicesChanged)));
  }

  /**
   * Called on the call executor whenever the microphone or speaker in use changes (chosen,
   * vanished, appeared) with what the user should be told.
   */
  public void setOnChanged(Consumer<AudioState> c) {
    onChanged = c;
  }

  /** Called on the call executor after microphones or speakers came, went or changed. */
  public void setOnDevicesChanged(Runnable r) {
    onDevicesChanged = r;
  }

  /** Call executor: after the sound server's devices changed. */
  private void devicesChanged() {
    try {
      boolean silentBefore = !audio.hasMicrophone();
      String micBefore = audio.microphoneName();
      String speakerBefore = audio.speakerName();
      audio.devicesChanged(); // reports a vanished device itself
      if (!Objects.equals(micBefore, audio.microphoneName())) {
        sounds.microphoneChanged(audio.microphoneName());
      }
      if (!Objects.equals(speakerBefore, audio.speakerName())) {
        sounds.speakerChanged(audio.speakerName());
      }
      media.setSilenced(!audio.hasMicrophone());
      if (silentBefore != !audio.hasMicrophone()) {
        changed(audio.problem());
      }
      onDevicesChanged.run();
    } catch (Throwable t) {
      log.warn("audio device change", t);
    }
  }

  private void changed(String notice) {
    try {
      onChanged.accept(stateNow(notice));
    } catch (Throwable t) {
      log.warn("audio listener", t);
    }
  }

  private AudioState stateNow(String notice) {
    return new AudioState(audio.serverDescription(), audio.microphone(), audio.speaker(), !audio.hasMicrophone(), notice);
  }

  /** The audio devices in use now, with any standing problem as the notice. */
  public AudioState state() {
    return call(() -> stateNow(audio.problem()));
  }

  /** Microphone labels (empty without an audio server). */
  public List<String> microphones() {
    return call(audio::microphones);
  }

  /** Speaker labels (empty without an audio server). */
  public List<String> speakers() {
    return call(audio::speakers);
  }

  /**
   * Switches the microphone for every call, mid-call too (the sound server moves the recording
   * stream: no renegotiation). Accepts a label or the server's device name; false if unknown.
   */
  public boolean selectMicrophone(String name) {
    return call(() -> {
      boolean ok = audio.selectMicrophone(name);
      if (ok) {
        sounds.microphoneChanged(audio.microphoneName());
        changed("");
      }
      return ok;
    });
  }

  /** Switches the speaker for every call; false if there is no such speaker. */
  public boolean selectSpeaker(String name) {
    return call(() -> {
      boolean ok = audio.selectSpeaker(name);
      if (ok) {
        sounds.speakerChanged(audio.speakerName());
        changed("");
      }
      return ok;
    });
  }

  /** True when silence is sent because there is no microphone (or synthetic audio was asked for). */
  public boolean silent() {
    return call(() -> !audio.hasMicrophone());
  }

  /** Per peer, the remote audio level of the last 100 ms (0..1 RMS): who is speaking. */
  public Map<String, Double> remoteLevels() {
    return call(() -> {
      Map<String, Double> out = new LinkedHashMap<>();
      for (MediaUser u : media.sessions()) {
        if (u instanceof RemoteMedia.Holder s) {
          // A PeerJS peer has a data connection besides its call: the one with audio counts.
          if (s.received().hasAudio()) {
            out.put(s.peer(), s.received().audioStats().recent());
          } else {
            out.putIfAbsent(s.peer(), 0.0);
          }
        }
      }
      return out;
    });
  }

  /**
   * "Mute for me": stops (or restarts) playing {@code peer}'s audio on this machine only; the peer
   * still sends, and its level still shows who is speaking. False when there is no call with
   * {@code peer}.
   */
  public boolean setRemoteMuted(String peer, boolean muted) {
    return call(() -> {
      boolean found = false;
      for (MediaUser u : media.sessions()) {
        if (u instanceof RemoteMedia.Holder s && s.peer().equals(peer)) { // our calls and PeerJS ones
          s.received().setAudioMuted(muted);
          found = true;
        }
      }
      return found;
    });
  }

  /**
   * Per peer whose audio track has arrived: whether it is playing here (the received track's
   * enabled state as libwebrtc reports it), false while muted for me.
   */
  public Map<String, Boolean> remotePlaying() {
    return call(() -> {
      Map<String, Boolean> out = new LinkedHashMap<>();
      for (MediaUser u : media.sessions()) {
        if (u instanceof RemoteMedia.Holder s) {
          Boolean playing = s.received().audioPlaying();
          if (playing != null) {
            out.put(s.peer(), playing);
          }
        }
      }
      return out;
    });
  }

  /**
   * Starts an input-level meter on the microphone in use, reporting 0..1 (-60..0 dBFS) about 20
   * times a second on the meter's own thread ({@code level} must return quickly). It follows the
   * microphone when another is chosen or the one in use disappears. Without an audio server it
   * reports nothing. Close the returned handle to stop it (any thread).
   */
  public AutoCloseable startInputMeter(DoubleConsumer level) {
    return call(() -> sounds.meter(audio.microphoneName(), level));
  }

  /**
   * Plays {@code sound} through the speaker in use: a ring loops until {@link #stopRinging}
   * (starting one stops the other), the test sound plays once. Nothing without an audio server.
   * Returns without waiting for the sound.
   */
  public void play(PhoneSound sound) {
    call(() -> {
      sounds.play(sound, audio.speakerName());
      return null;
    });
  }

  /** Stops the ringtone or ringback, if one plays. */
  public void stopRinging() {
    call(() -> {
      sounds.stopRinging();
      return null;
    });
  }

  /** Call executor, while the engine closes: every sound and meter stops. */
  void close() {
    sounds.close();
  }

  private <T> T call(java.util.concurrent.Callable<T> task) {
    return OnExecutor.call(executor, task);
  }
}
