package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.rtc.AudioState;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The audio view-model against the fake engine: device lists and hot-plug, the level meter's
 * hand-over to the FX thread, the speaking indicator's threshold and hold, the test sound.
 */
class AudioModelTest {
  private final FakeBackend engine = new FakeBackend();
  private final MutableClock clock = new MutableClock();
  /** The FX thread, run by hand: what is queued here has not been shown yet. */
  private final Queue<Runnable> fx = new ArrayDeque<>();
  private final PhoneModel model = new PhoneModel(engine, fx::add, Runnable::run, clock, (s, f) -> { });
  private final AudioModel audio = model.audio();

  private void signedIn() {
    engine.microphones = List.of("Mic A", "Mic B");
    model.signIn("alice", "");
    runFx();
    engine.emit(new CallEvent.LoggedIn("alice", List.of()));
    runFx();
    engine.commands.clear();
  }

  private void runFx() {
    while (!fx.isEmpty()) {
      fx.poll().run();
    }
  }

  @Test
  void listsTheDevicesWithTheOnesInUseAndSwitchesThroughTheEngine() {
    engine.audioState = new AudioState("PulseAudio 16.1", "Mic B", "Speaker B", false, "");
    signedIn();
    assertEquals(List.of("Mic A", "Mic B"), audio.microphones());
    assertEquals(List.of("Speaker A", "Speaker B"), audio.speakers());
    assertEquals("Mic B", audio.microphoneProperty().get());
    assertEquals("Speaker B", audio.speakerProperty().get());
    assertTrue(audio.serverProperty().get());
    assertEquals("", model.devices().missingProperty().get());

    audio.selectSpeaker("Speaker A");
    audio.selectSpeaker("Speaker A");
    audio.selectSpeaker("Speaker Z");
    audio.selectMicrophone("Mic A");
    assertEquals(List.of("speaker Speaker A", "mic Mic A"), engine.commands);
    assertEquals("Speaker A", audio.speakerProperty().get());
  }

  @Test
  void devicesThatComeAndGoAreReloadedAndAVanishedOneInUseFallsBackWithTheEnginesNotice() {
    signedIn();
    engine.microphones = List.of("Mic A", "Mic B", "Mic D");
    engine.speakers = List.of("Speaker A", "Speaker B", "Headset");
    engine.audioDevicesChanged.run();
    runFx();
    assertEquals(List.of("Mic A", "Mic B", "Mic D"), audio.microphones());
    assertEquals(List.of("Speaker A", "Speaker B", "Headset"), audio.speakers());

    audio.selectMicrophone("Mic D");
    engine.microphones = List.of("Mic A", "Mic B");
    engine.audioState = new AudioState("PulseAudio 16.1", "Mic A", "Speaker A", false, "");
    String gone = "The microphone in use disappeared; using the default microphone (Mic A)";
    engine.audioChanged.accept(new AudioState("PulseAudio 16.1", "Mic A", "Speaker A", false, gone));
    engine.audioDevicesChanged.run();
    runFx();
    assertEquals(List.of("Mic A", "Mic B"), audio.microphones());
    assertEquals("Mic A", audio.microphoneProperty().get());
    assertEquals(gone, model.noticeProperty().get());
  }

  @Test
  void inputLevelsReachTheFxThreadCoalescedNewestFirst() {
    signedIn();
    engine.meter.accept(0.2);
    engine.meter.accept(0.7);
    engine.meter.accept(0.6);
    assertEquals(1, fx.size(), "one hand-over pending, however many levels came");
    assertEquals(0.0, audio.levelProperty().get());
    runFx();
    assertEquals(0.6, audio.levelProperty().get());
    engine.meter.accept(0.01);
    runFx();
    assertEquals(0.01, audio.levelProperty().get());
  }

  @Test
  void aPeerIsSpeakingAboveAbout45DbfsAndStaysMarkedFor300MsAfter() {
    signedIn();
    engine.emit(new CallEvent.CallConnected("bob", 1));
    engine.emit(new CallEvent.CallConnected("carol", 1));
    runFx();
    engine.remoteLevels.put("bob", 0.0100);   // -40 dBFS
    engine.remoteLevels.put("carol", 0.0050); // -46 dBFS
    poll();
    assertEquals(Set.of("bob"), audio.speaking());

    engine.remoteLevels.put("bob", 0.0);
    clock.millis += AudioModel.SPEAKING_HOLD_MS;
    poll();
    assertEquals(Set.of("bob"), audio.speaking(), "held");
    clock.millis += 1;
    poll();
    assertEquals(Set.of(), audio.speaking());

    engine.remoteLevels.put("carol", 0.2);
    poll();
    assertEquals(Set.of("carol"), audio.speaking());
    engine.emit(new CallEvent.CallEnded("carol", "remote-hangup"));
    runFx();
    assertEquals(Set.of(), audio.speaking(), "a call that ended is nobody speaking");
  }

  @Test
  void levelsAreOnlyPolledInACallAndOneAtATime() {
    signedIn();
    audio.pollLevels();
    assertTrue(fx.isEmpty());
    engine.emit(new CallEvent.CallConnected("bob", 1));
    runFx();
    engine.remoteLevels.put("bob", 0.3);
    audio.pollLevels();
    audio.pollLevels(); // the first answer is not shown yet: no second poll
    assertEquals(1, fx.size());
    runFx();
    assertEquals(Set.of("bob"), audio.speaking());
  }

  private void poll() {
    audio.pollLevels();
    runFx();
  }

  @Test
  void theTestSoundPlaysOnTheEngineOrWithoutAnAudioServerOnlySaysSo() {
    signedIn();
    audio.testSpeaker();
    assertEquals(List.of("play TEST_SOUND"), engine.commands);
  }

  @Test
  void withoutAnAudioServerTheSpeakerListIsEmptyTheMeterOffAndTheReasonPlain() {
    engine.speakers = List.of();
    String none = "No audio server (PulseAudio or PipeWire) found: sending silence, remote audio is not played";
    engine.audioState = new AudioState("", "", "", true, none);
    signedIn();
    engine.microphones = List.of();
    engine.audioDevicesChanged.run();
    runFx();
    assertFalse(audio.serverProperty().get());
    assertTrue(audio.speakers().isEmpty());
    assertTrue(model.devices().missingProperty().get().endsWith(none), model.devices().missingProperty().get());
    audio.testSpeaker();
    assertTrue(engine.commands.isEmpty(), engine.commands::toString);
    assertTrue(model.noticeProperty().get().startsWith("No audio server"), model.noticeProperty().get());
  }
}
