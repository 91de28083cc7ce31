package dev.peerphone.app.rtc;

import dev.peerphone.app.audio.LevelMeter;
import dev.peerphone.app.audio.TonePlayer;
import dev.peerphone.app.audio.Tones;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleConsumer;

/**
 * What the user hears and sees of their own audio outside the call: the ringtone, the ringback
 * and the test chime on the speaker in use, and input-level meters on the microphone in use.
 * Both are our own Pulse streams ({@link TonePlayer}, {@link LevelMeter}), never libwebrtc's, so
 * they work without a call and are never routed as call streams.
 *
 * <p>Without an audio server there is nothing to play into or meter: every method does nothing.
 *
 * <p>Threading: the call executor (where the devices in use are known). The meter handles it
 * hands out may be closed from any thread; players and meters never block the caller.
 */
final class LocalSounds {
  private final boolean server;
  private final List<LevelMeter> meters = new CopyOnWriteArrayList<>();
  private TonePlayer looping;
  private PhoneSound loopingSound;
  private TonePlayer oneShot;

  /** {@code server}: whether there is a sound server to play into and record from. */
  LocalSounds(boolean server) {
    this.server = server;
  }

  /** Starts a meter on {@code source} (null: the default microphone); closing it stops it. */
  AutoCloseable meter(String source, DoubleConsumer level) {
    if (!server) {
      return () -> { };
    }
    LevelMeter m = LevelMeter.start(source, level);
    meters.add(m);
    return () -> {
      meters.remove(m);
      m.close();
    };
  }

  /** The microphone in use changed (chosen, or fell back to the default): meters follow it. */
  void microphoneChanged(String source) {
    meters.forEach(m -> m.switchTo(source));
  }

  /** Plays {@code sound} into {@code sink} (null: the default); a ring replaces the one before. */
  void play(PhoneSound sound, String sink) {
    if (!server) {
      return;
    }
    if (sound == PhoneSound.TEST_SOUND) {
      if (oneShot != null) {
        oneShot.stop();
      }
      oneShot = TonePlayer.play(sink, Tones.testSound(), false, "Test sound");
      return;
    }
    if (sound == loopingSound) {
      return;
    }
    stopRinging();
    loopingSound = sound;
    looping = TonePlayer.play(sink, sound == PhoneSound.RINGTONE ? Tones.ringtone() : Tones.ringback(), true,
        sound == PhoneSound.RINGTONE ? "Ringtone" : "Ringback");
  }

  /** Stops the ringtone or ringback, if one plays. */
  void stopRinging() {
    if (looping != null) {
      looping.stop();
      looping = null;
      loopingSound = null;
    }
  }

  /** The speaker in use changed: a ring moves there (starting its cycle again). */
  void speakerChanged(String sink) {
    PhoneSound ringing = loopingSound;
    if (ringing != null) {
      stopRinging();
      play(ringing, sink);
    }
  }

  /** Stops every sound and meter (the engine is closing). */
  void close() {
    stopRinging();
    if (oneShot != null) {
      oneShot.stop();
      oneShot = null;
    }
    meters.forEach(LevelMeter::close);
    meters.clear();
  }
}
