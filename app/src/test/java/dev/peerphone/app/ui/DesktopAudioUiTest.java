package dev.peerphone.app.ui;

import static dev.peerphone.app.testing.PulseServer.SPEAKER_A;
import static dev.peerphone.app.testing.PulseServer.SPEAKER_B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.Sound;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a throwaway PulseAudio server (three virtual microphones playing 440, 880
 * and 1320 Hz, two speakers): the device dropdowns, the level meter, hot-plug, the test chime,
 * the ringtone and ringback, the speaking indicator and remote audio, all measured on the
 * server's devices rather than taken on trust from the model.
 */
class DesktopAudioUiTest extends UiTestBase {
  private static final long PID = ProcessHandle.current().pid();
  private static final int RATE = 16_000;
  /** The promise to users: a device that comes or goes is in its dropdown within 2 s. */
  private static final long HOT_PLUG_MS = 2000;
  private static PulseServer pulse;

  @BeforeAll
  static void startSoundServer() {
    pulse = PulseServer.start();
    pulse.exportToThisProcess(); // before any engine of this JVM opens audio
  }

  @AfterAll
  static void stopSoundServer() {
    pulse.close();
  }

  @Override
  MediaConfig media() {
    return new MediaConfig(RtcEngine.TEST_PATTERN_640, false, null); // real audio, synthetic video
  }

  @Test
  void listsTheDevicesMetersTheMicrophoneInUseAndFollowsDevicesThatComeAndGo() {
    signIn("alice");
    // The rig's microphones play into null sinks of their own ("Mic A tone", …): speakers too.
    waitUntil("the server's devices listed", () -> items("#microphone").equals(List.of("Mic A", "Mic B", "Mic C"))
        && items("#speaker").size() >= 2 && items("#speaker").subList(0, 2).equals(List.of("Speaker A", "Speaker B")));
    System.out.println("microphones " + fx(() -> items("#microphone")) + ", speakers " + fx(() -> items("#speaker")));
    assertEquals("Mic A", fx(() -> value("#microphone")));
    assertEquals("Speaker A", fx(() -> value("#speaker")));

    long ms = timed("the meter shows Mic A's tone", () -> meter() > 0.5);
    System.out.printf("meter above 0.5 %d ms after the lists: %.2f%n", ms, fx(this::meter));
    pulse.pactl("set-source-mute", "mic_a", "1");
    ms = timed("the meter drops for the muted mic", () -> meter() < 0.05);
    System.out.printf("meter below 0.05 %d ms after muting: %.3f%n", ms, fx(this::meter));
    pulse.pactl("set-source-mute", "mic_a", "0");
    waitUntil("the tone again", () -> meter() > 0.5);

    pick("#microphone", "Mic B");
    awaitOffFx("the meter's stream moves to mic_b", () -> meterSources().equals(List.of("mic_b")));
    waitUntil("the meter shows Mic B's tone", () -> meter() > 0.5);

    long plugging = System.nanoTime();
    pulse.addMicrophone(new PulseServer.Mic("mic_d", "Mic D", 660)); // three modules and a reader: ~100 ms
    long plugged = millisSince(plugging);
    ms = plugged + timed("Mic D listed", () -> items("#microphone").contains("Mic D"));
    System.out.println("plugged-in microphone listed " + ms + " ms after the rig began adding it (" + plugged
        + " ms to add)");
    assertTrue(ms < HOT_PLUG_MS, ms + " ms");
    pick("#microphone", "Mic D");
    awaitOffFx("the meter's stream on mic_d", () -> meterSources().equals(List.of("mic_d")));
    long unplugging = System.nanoTime();
    pulse.removeMicrophone("mic_d");
    ms = millisSince(unplugging) + timed("back on the default, Mic D gone, the user told",
        () -> value("#microphone").equals("Mic A")
            && !items("#microphone").contains("Mic D") && notice().contains("microphone in use disappeared"));
    System.out.println("unplugged microphone in use: default shown " + ms
        + " ms after the rig began removing it; notice: " + fx(this::notice));
    assertTrue(ms < HOT_PLUG_MS, ms + " ms");
    awaitOffFx("the meter follows to mic_a", () -> meterSources().equals(List.of("mic_a")));

    plugging = System.nanoTime();
    int module = pulse.addSpeaker("speaker_c", "Speaker C");
    ms = millisSince(plugging) + timed("Speaker C listed", () -> items("#speaker").contains("Speaker C"));
    assertTrue(ms < HOT_PLUG_MS, ms + " ms");
    pick("#speaker", "Speaker C");
    unplugging = System.nanoTime();
    pulse.unloadModule(module);
    ms = millisSince(unplugging) + timed("back on the default speaker, the user told",
        () -> value("#speaker").equals("Speaker A")
            && !items("#speaker").contains("Speaker C") && notice().contains("speaker in use disappeared"));
    System.out.println("unplugged speaker in use: default shown " + ms
        + " ms after the rig began removing it; notice: " + fx(this::notice));
    assertTrue(ms < HOT_PLUG_MS, ms + " ms");
  }

  @Test
  void theTestButtonChimesOnTheChosenSpeakerOnly() throws Exception {
    signIn("alice");
    waitUntil("speakers listed", () -> items("#speaker").contains("Speaker B"));
    pick("#speaker", "Speaker B");
    waitUntil("Speaker B in use", () -> value("#speaker").equals("Speaker B"));
    CompletableFuture<short[]> b = record(SPEAKER_B, 2500);
    CompletableFuture<short[]> a = record(SPEAKER_A, 2500);
    awaitOffFx("both recorders listen", () -> pulse.recordingStreams().stream()
        .filter(s -> s.application().equals("parec")).count() >= 2);
    showSettings();
    clickOn("#testSpeaker");

    short[] chime = Sound.loudest(b.get(10, TimeUnit.SECONDS), RATE, 300);
    short[] other = a.get(10, TimeUnit.SECONDS);
    System.out.println("Test on Speaker B: " + Sound.describe(chime, RATE) + "; Speaker A: " + Sound.describe(other, RATE));
    int hz = Sound.dominantHz(chime, RATE);
    assertTrue(Math.abs(hz - 784) <= 15 || Math.abs(hz - 1047) <= 15, () -> "chime: " + Sound.describe(chime, RATE));
    assertTrue(Sound.rmsDbfs(chime) > -40, () -> "chime: " + Sound.describe(chime, RATE));
    assertTrue(Sound.rmsDbfs(other) < -70, () -> "Speaker A should be silent: " + Sound.describe(other, RATE));
  }

  @Test
  void ringsOnTheChosenSpeakerUntilAnsweredThenShowsWhoSpeaksAndPlaysThemThere() throws Exception {
    int peerSpeaker = pulse.addSpeaker("speaker_peer", "Peer speaker"); // bob's ears, away from ours
    try {
      ringOutRingInAndTalk();
    } finally {
      pulse.unloadModule(peerSpeaker);
    }
  }

  private void ringOutRingInAndTalk() throws Exception {
    BlockingQueue<CallEvent> carolEvents = new LinkedBlockingQueue<>();
    try (PeerClient carol = new PeerClient(server.uri(), "carol", MediaConfig.synthetic(), CallOptions.defaults(),
        carolEvents::add).start()) {
      signIn("alice");
      waitUntil("speakers listed", () -> items("#speaker").contains("Speaker B"));
      pick("#speaker", "Speaker B");
      waitUntil("Speaker B in use", () -> value("#speaker").equals("Speaker B"));

      // Ringing out: carol does not answer at once.
      waitUntil("carol listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("carol")));
      clickOn("carol  (available)");
      clickOn("#callSelected");
      awaitOffFx("the ringback stream on Speaker B", () -> ourPlayback().equals(List.of(SPEAKER_B)));
      short[] ringback = Sound.loudest(pulse.recordSink(SPEAKER_B, Duration.ofMillis(1500)), RATE, 500);
      System.out.println("ringback on Speaker B: " + Sound.describe(ringback, RATE));
      int hz = Sound.dominantHz(ringback, RATE);
      assertTrue(Math.abs(hz - 440) <= 15 || Math.abs(hz - 480) <= 15, () -> Sound.describe(ringback, RATE));
      assertTrue(Sound.rmsDbfs(ringback) > -40, () -> Sound.describe(ringback, RATE));
      next(carolEvents, CallEvent.IncomingCall.class);
      carol.calls().accept("alice");
      long answered = System.nanoTime();
      awaitOffFx("the ringback stops once answered", () -> ourPlayback().isEmpty());
      System.out.println("ringback stopped " + millisSince(answered) + " ms after carol answered");
      next(carolEvents, CallEvent.CallConnected.class);
      clickOn("#hangUp");
      waitUntil("call over", () -> window.model().peerProperty().get().isEmpty());
    }

    // Ringing in: bob calls, sending Mic B's 880 Hz.
    HeadlessProcess bob = new HeadlessProcess("bob", List.of("--server", server.uri().toString(), "--name", "bob",
        "--call", "alice", "--mic", "Mic B", "--speaker", "Peer speaker", "--camera", "Test pattern 320x240"),
        pulse.env());
    peers.add(bob);
    waitUntil("bob is calling", () -> visible("#incoming") && window.model().incomingCallerProperty().get().equals("bob"));
    awaitOffFx("the ringtone stream on Speaker B", () -> ourPlayback().equals(List.of(SPEAKER_B)));
    CompletableFuture<short[]> a = record(SPEAKER_A, 3200);
    short[] rings = pulse.recordSink(SPEAKER_B, Duration.ofMillis(3200)); // one whole 3 s ring cycle
    short[] ring = Sound.loudest(rings, RATE, 250);
    short[] quiet = a.get(10, TimeUnit.SECONDS);
    System.out.println("ringtone on Speaker B: " + Sound.describe(ring, RATE) + "; Speaker A: "
        + Sound.describe(quiet, RATE));
    int ringHz = Sound.dominantHz(ring, RATE);
    assertTrue(Math.abs(ringHz - 880) <= 15 || Math.abs(ringHz - 660) <= 15, () -> Sound.describe(ring, RATE));
    assertTrue(Sound.rmsDbfs(ring) > -40, () -> Sound.describe(ring, RATE));
    assertTrue(Sound.rmsDbfs(quiet) < -70, () -> "Speaker A should be silent: " + Sound.describe(quiet, RATE));
    clickOn("#accept");
    long accepted = System.nanoTime();
    awaitOffFx("the ringtone stops once accepted", () -> ourPlayback().isEmpty());
    System.out.println("ringtone stopped " + millisSince(accepted) + " ms after Accept");

    bob.await("call-connected", TIMEOUT);
    long connected = System.nanoTime();
    waitUntil("bob is shown speaking", () -> visible("#speaking-bob"));
    System.out.println("speaking indicator on " + millisSince(accepted) + " ms after Accept, "
        + millisSince(connected) + " ms after bob saw the call connected");
    fx(() -> {
      Screenshot.save(window.stage().getScene(), Path.of("target/desktop-audio-call.png"));
      return null;
    });
    CompletableFuture<short[]> a2 = record(SPEAKER_A, 1500);
    short[] heard = Sound.skip(pulse.recordSink(SPEAKER_B, Duration.ofMillis(1500)), RATE, 300);
    short[] silent = a2.get(10, TimeUnit.SECONDS);
    System.out.println("bob on Speaker B: " + Sound.describe(heard, RATE) + "; Speaker A: " + Sound.describe(silent, RATE));
    assertEquals(880, Sound.dominantHz(heard, RATE), 15, () -> Sound.describe(heard, RATE));
    assertTrue(Sound.rmsDbfs(heard) > -40, () -> Sound.describe(heard, RATE));
    assertTrue(Sound.rmsDbfs(silent) < -70, () -> "Speaker A should be silent: " + Sound.describe(silent, RATE));

    long paused = System.nanoTime();
    bob.command("pause audio");
    waitUntil("bob is no longer shown speaking", () -> !visible("#speaking-bob"));
    System.out.println("speaking indicator off " + millisSince(paused) + " ms after bob paused his audio");
    clickOn("#hangUp");
    bob.await("call-ended", TIMEOUT);
  }

  // ---- helpers ----

  private List<String> items(String combo) {
    return List.copyOf(lookup(combo).queryComboBox().getItems().stream().map(String::valueOf).toList());
  }

  private String value(String combo) {
    return String.valueOf(lookup(combo).queryAs(ComboBox.class).getValue());
  }

  private double meter() {
    return lookup("#micLevel").queryAs(ProgressBar.class).getProgress();
  }

  private String notice() {
    return window.model().noticeProperty().get();
  }

  private void pick(String combo, String label) {
    showSettings();
    clickOn(combo);
    clickOn(label);
  }

  /** Sources of this JVM's level-meter streams (ours are "Peerphone"; libwebrtc's are not). */
  private static List<String> meterSources() {
    return pulse.recordingStreams().stream().filter(s -> s.processId().equals(String.valueOf(PID))
        && s.application().equals("Peerphone")).map(PulseServer.AudioStream::device).toList();
  }

  /** Sinks of this JVM's own sound streams: rings and the test chime. */
  private static List<String> ourPlayback() {
    return pulse.playbackStreams().stream().filter(s -> s.processId().equals(String.valueOf(PID))
        && s.application().equals("Peerphone")).map(PulseServer.AudioStream::device).toList();
  }

  private static CompletableFuture<short[]> record(String sink, int ms) {
    return CompletableFuture.supplyAsync(() -> pulse.recordSink(sink, Duration.ofMillis(ms)));
  }

  /** {@link #waitUntil}, returning how long it took; a failure says what the window showed. */
  private long timed(String what, Callable<Boolean> condition) {
    long start = System.nanoTime();
    try {
      waitUntil(what, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; " + fx(this::shown), e);
    }
    return millisSince(start);
  }

  private String shown() {
    return "microphone " + value("#microphone") + " of " + items("#microphone") + ", speaker " + value("#speaker")
        + " of " + items("#speaker") + ", meter " + meter() + ", notice '" + notice() + "', missing '"
        + window.model().devices().missingProperty().get() + "'";
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  /** Polls {@code condition} on this thread (it asks the sound server: not for the FX thread). */
  private static void awaitOffFx(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS, condition);
    } catch (TimeoutException e) {
      fail("not within " + TIMEOUT + ": " + what);
    }
  }

  private static <T extends CallEvent> T next(BlockingQueue<CallEvent> events, Class<T> type)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      CallEvent e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within " + TIMEOUT);
  }
}
