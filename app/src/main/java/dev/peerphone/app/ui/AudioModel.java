package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.AudioState;
import dev.peerphone.app.rtc.PhoneSound;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio part of the view-model: microphones and speakers (labels) with the ones in use, the
 * live input level of the microphone in use, who is speaking in each call, the ringtone while
 * somebody calls us and the ringback while our call rings, the test sound, and what is wrong
 * with audio. Devices that come and go are followed; when the one in use goes, the engine falls
 * back to the default and its notice is shown.
 *
 * <p>Threading: properties, lists and commands on the FX thread ({@code fx}). Engine work goes
 * through {@code engine} (the model's worker); {@link #attach}, {@link #detach} and
 * {@link #load} run on that worker. Engine listeners (call executor, meter thread) only hand
 * over to the worker or {@code fx}.
 */
public final class AudioModel {
  private static final Logger log = LoggerFactory.getLogger(AudioModel.class);
  /** About -45 dBFS RMS: a peer whose audio is louder counts as speaking. */
  static final double SPEAKING_LEVEL = 0.0056;
  /** How long "speaking" stays on after the last loud moment, so that it does not flicker. */
  static final long SPEAKING_HOLD_MS = 300;

  private final Consumer<Consumer<Phone>> engine;
  private final Consumer<String> notice;
  private final Executor fx;
  private final Clock clock;
  private final ObservableList<String> microphones = FXCollections.observableArrayList();
  private final ObservableList<String> speakers = FXCollections.observableArrayList();
  private final ObservableSet<String> speaking = FXCollections.observableSet();
  // Kept, not made per call: an unmodifiable wrapper listens to its list only weakly.
  private final ObservableList<String> microphonesView = FXCollections.unmodifiableObservableList(microphones);
  private final ObservableList<String> speakersView = FXCollections.unmodifiableObservableList(speakers);
  private final ObservableSet<String> speakingView = FXCollections.unmodifiableObservableSet(speaking);
  private final ReadOnlyStringWrapper microphone = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper speaker = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper server = new ReadOnlyBooleanWrapper();
  private final ReadOnlyDoubleWrapper level = new ReadOnlyDoubleWrapper();
  /** Engine names behind the labels, same order (FX thread). */
  private List<String> microphoneNames = List.of();
  private List<String> speakerNames = List.of();
  /** Our calls whose ring reached the peer and that are still ringing (FX thread). */
  private final Set<String> ringingOut = new HashSet<>();
  /** The ring last asked of the engine, null for none (FX thread). */
  private PhoneSound ringing;
  /** Per peer, when its audio was last loud (clock millis; FX thread). */
  private final Map<String, Long> loudAt = new HashMap<>();
  private boolean inCall;
  private boolean polling;
  /** The newest input level (double bits) and whether the FX thread has yet to show it. */
  private final AtomicLong latestLevel = new AtomicLong();
  private final AtomicBoolean levelQueued = new AtomicBoolean();
  /** Worker thread only. */
  private AutoCloseable meter;

  private final BiConsumer<String, String> chosen;

  AudioModel(Consumer<Consumer<Phone>> engine, Consumer<String> notice, Executor fx, Clock clock,
      BiConsumer<String, String> chosen) {
    this.chosen = chosen;
    this.engine = engine;
    this.notice = notice;
    this.fx = fx;
    this.clock = clock;
  }

  public ObservableList<String> microphones() { return microphonesView; }
  public ObservableList<String> speakers() { return speakersView; }
  /** The label of the microphone in use, or "". */
  public ReadOnlyStringProperty microphoneProperty() { return microphone.getReadOnlyProperty(); }
  /** The label of the speaker in use, or "". */
  public ReadOnlyStringProperty speakerProperty() { return speaker.getReadOnlyProperty(); }
  /** True with a sound server: the level meter and the phone's own sounds work. */
  public ReadOnlyBooleanProperty serverProperty() { return server.getReadOnlyProperty(); }
  /** The input level of the microphone in use: 0 (-60 dBFS or less) to 1 (full scale). */
  public ReadOnlyDoubleProperty levelProperty() { return level.getReadOnlyProperty(); }
  /** What is wrong with audio in words ("No audio server … found: sending silence …"), or "". */
  public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
  /** Peers in a call whose audio is above {@link #SPEAKING_LEVEL} now or in the last moment. */
  public ObservableSet<String> speaking() { return speakingView; }

  /** Switches the microphone (mid-call too, no renegotiation); the level meter follows. */
  public void selectMicrophone(String label) {
    int i = microphones.indexOf(label);
    if (i >= 0 && !label.equals(microphone.get())) {
      microphone.set(label);
      String name = microphoneNames.get(i);
      chosen.accept("microphone", name);
      engine.accept(p -> {
        if (!p.selectMicrophone(name)) {
          fx.execute(() -> notice.accept("Cannot switch to " + label));
        }
      });
    }
  }

  /** Switches the speaker for remote audio, rings and the test sound. */
  public void selectSpeaker(String label) {
    int i = speakers.indexOf(label);
    if (i >= 0 && !label.equals(speaker.get())) {
      speaker.set(label);
      String name = speakerNames.get(i);
      chosen.accept("speaker", name);
      engine.accept(p -> {
        if (!p.selectSpeaker(name)) {
          fx.execute(() -> notice.accept("Cannot switch to " + label));
        }
      });
    }
  }

  /** Plays the test chime once on the speaker in use; without a sound server, says so instead. */
  public void testSpeaker() {
    if (!server.get()) {
      notice.accept("No audio server (PulseAudio or PipeWire): there is no speaker to test.");
      return;
    }
    engine.accept(p -> p.play(PhoneSound.TEST_SOUND));
  }

  /**
   * Call about 5 times a second: asks the engine (on the worker) how loud each peer is and
   * updates {@link #speaking}. Does nothing outside calls or while the last poll is pending.
   */
  public void pollLevels() {
    if (!inCall || polling) {
      return;
    }
    polling = true;
    engine.accept(p -> {
      Map<String, Double> levels;
      try {
        levels = p.remoteLevels();
      } catch (RuntimeException e) { // e.g. the engine is closing: not worth a notice
        log.debug("remote levels: {}", e.toString());
        levels = Map.of();
      }
      Map<String, Double> l = levels;
      fx.execute(() -> showLevels(l));
    });
  }

  private void showLevels(Map<String, Double> levels) {
    polling = false;
    if (!inCall) {
      return;
    }
    long now = clock.millis();
    levels.forEach((peer, v) -> {
      if (v > SPEAKING_LEVEL) {
        loudAt.put(peer, now);
      }
    });
    loudAt.keySet().retainAll(levels.keySet());
    speaking.retainAll(levels.keySet());
    for (String peer : levels.keySet()) {
      Long at = loudAt.get(peer);
      if (at != null && now - at <= SPEAKING_HOLD_MS) {
        speaking.add(peer);
      } else {
        speaking.remove(peer);
      }
    }
  }

  // ---- the model's side ----

  /** FX: our ring reached {@code peer}, who has not answered yet. */
  void ringDelivered(String peer) {
    ringingOut.add(peer);
  }

  /**
   * FX, after every call event and command: plays the ringtone while {@code incoming} is
   * calling, else the ringback while one of our calls rings, else neither.
   */
  void callsChanged(String incoming, Map<String, CallPhase> calls) {
    ringingOut.removeIf(p -> calls.get(p) != CallPhase.CALLING);
    inCall = !calls.isEmpty();
    if (!inCall) {
      polling = false;
      loudAt.clear();
      speaking.clear();
    } else {
      speaking.retainAll(calls.keySet());
    }
    PhoneSound want = !incoming.isEmpty() ? PhoneSound.RINGTONE : ringingOut.isEmpty() ? null : PhoneSound.RINGBACK;
    if (want != ringing) {
      ringing = want;
      engine.accept(want == null ? Phone::stopRinging : p -> p.play(want));
    }
  }

  /** Worker: a client signed in. Follows its devices and starts the level meter. */
  void attach(Phone p) {
    p.setAudioListeners(state -> {
      if (!state.notice().isEmpty()) {
        fx.execute(() -> notice.accept(state.notice()));
      }
      engine.accept(this::load);
    }, () -> engine.accept(this::load));
    load(p);
    meter = p.startInputMeter(this::levelFromMeter);
  }

  /** Worker: the client is going (sign-out, window closing). Stops the meter and any ring. */
  void detach(Phone p) {
    try {
      if (meter != null) {
        meter.close();
      }
      p.stopRinging();
    } catch (Exception e) {
      log.warn("audio stop: {}", e.toString());
    }
    meter = null;
    fx.execute(() -> {
      ringing = null;
      level.set(0);
    });
  }

  /** Meter thread: keeps the newest level; at most one hand-over to the FX thread is pending. */
  private void levelFromMeter(double v) {
    latestLevel.set(Double.doubleToLongBits(v));
    if (levelQueued.compareAndSet(false, true)) {
      fx.execute(() -> {
        levelQueued.set(false);
        level.set(Double.longBitsToDouble(latestLevel.get()));
      });
    }
  }

  /** Worker: asks the engine for the devices (may block), then shows them on the FX thread. */
  void load(Phone p) {
    List<String> mics = p.microphones();
    List<String> outs = p.speakers();
    AudioState state = p.audioState();
    fx.execute(() -> {
      microphoneNames = mics;
      speakerNames = outs;
      replace(microphones, Devices.labels(mics, "Microphone"));
      replace(speakers, Devices.labels(outs, "Speaker"));
      microphone.set(inUse(microphones, state.microphone()));
      speaker.set(inUse(speakers, state.speaker()));
      server.set(!state.server().isEmpty());
      problem.set(state.notice());
    });
  }

  /** Replaces the items only when they changed: a dropdown loses its shown value on every replace. */
  private static void replace(ObservableList<String> list, List<String> items) {
    if (!list.equals(items)) {
      list.setAll(items);
    }
  }

  /** The label in use; without one (a module that does not say), the first listed. */
  private static String inUse(List<String> labels, String used) {
    return labels.contains(used) ? used : labels.isEmpty() ? "" : labels.get(0);
  }
}
