package dev.peerphone.app.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.audio.AudioServer.Direction;
import dev.peerphone.app.audio.AudioServer.Endpoint;
import dev.peerphone.app.audio.AudioServer.Fallback;
import dev.peerphone.app.testing.PulseEvents;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.PulseServer.AudioStream;
import dev.peerphone.app.testing.SoundServer;
import dev.peerphone.app.testing.Sound;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Routing real libwebrtc streams (webrtc-java's own audio device module, recording and playing
 * in this JVM) to the chosen microphone and speaker, proven by where the server says the streams
 * are and by what they carry. The same bodies run against each sound server ({@link
 * PulseAudioRoutingTest}, {@link PipeWireRoutingTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AudioRoutingContract {
  private static final long PID = ProcessHandle.current().pid();
  private static final int TONE_HZ = 600;
  private SoundServer pulse;
  private WebrtcAudio webrtc;
  private AudioServer audio;
  private final BlockingQueue<Fallback> fallbacks = new LinkedBlockingQueue<>();
  private PulseEvents events;

  /** Starts this class's throwaway server with speakers A/B and microphones A (default), B and C. */
  abstract SoundServer startServer();

  @BeforeAll
  void start() {
    pulse = startServer();
    pulse.exportToThisProcess();
    events = PulseEvents.subscribe(pulse);
    webrtc = new WebrtcAudio(TONE_HZ);
    webrtc.startRecording();
    webrtc.startPlayout();
    audio = PulseAudio.connect("peerphone-test").orElseThrow();
    audio.addFallbackListener(fallbacks::add);
  }

  @AfterAll
  void stop() {
    audio.close();
    webrtc.close();
    events.close();
    pulse.close();
  }

  @Test
  void recordingMovesToTheRoutedMicrophoneWithinOneSecondAndCarriesItsTone() throws Exception {
    long ms = routeAndWait(() -> audio.routeRecording("mic_b"), this::recording, "mic_b");
    System.out.printf("routeRecording(mic_b): stream on mic_b after %d ms%n", ms);
    assertTrue(ms < 1000, ms + " ms");
    assertHears(PulseServer.MIC_B.hz());
  }

  @Test
  void recordingFollowsASwitchMidStream() throws Exception {
    routeAndWait(() -> audio.routeRecording("mic_b"), this::recording, "mic_b");
    long ms = routeAndWait(() -> audio.routeRecording("mic_c"), this::recording, "mic_c");
    System.out.printf("routeRecording(mic_c) mid-stream: on mic_c after %d ms%n", ms);
    assertTrue(ms < 1000, ms + " ms");
    assertHears(PulseServer.MIC_C.hz());
  }

  @Test
  void theLastOfManyQuickRoutesWins() {
    for (int i = 0; i < 25; i++) {
      audio.routeRecording("mic_b");
      audio.routeRecording("mic_c");
    }
    routeAndWait(() -> audio.routeRecording("mic_b"), this::recording, "mic_b");
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < giveUp
        && events.await(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300)).isPresent()) {
      // until the server has been quiet for 300 ms: no stale move may follow
    }
    assertEquals(List.of("mic_b"), recording());
  }

  @Test
  void aNewRecordingStreamLandsOnTheRoutedMicrophone() throws Exception {
    routeAndWait(() -> audio.routeRecording("mic_c"), this::recording, "mic_c");
    long ms = routeAndWait(webrtc::restartRecording, this::recording, "mic_c");
    System.out.printf("re-created recording stream: on mic_c %d ms after startRecording began%n", ms);
    assertTrue(ms < 1000, ms + " ms");
    assertHears(PulseServer.MIC_C.hz());
  }

  @Test
  void followingTheDefaultMovesTheStreamWhenTheDefaultChanges() {
    routeAndWait(() -> audio.routeRecording("mic_b"), this::recording, "mic_b");
    routeAndWait(() -> audio.routeRecording(null), this::recording, "mic_a");
    try {
      long ms = routeAndWait(() -> pulse.pactl("set-default-source", "mic_c"), this::recording, "mic_c");
      System.out.printf("default source changed: stream followed after %d ms%n", ms);
    } finally {
      pulse.pactl("set-default-source", "mic_a");
    }
    routeAndWait(() -> {}, this::recording, "mic_a");
  }

  @Test
  void playbackMovesToTheRoutedSpeakerAndIsHeardThere() throws Exception {
    webrtc.awaitPlayout();
    long ms = routeAndWait(() -> audio.routePlayback("speaker_b"), this::playback, "speaker_b");
    System.out.printf("routePlayback(speaker_b): stream on speaker_b after %d ms%n", ms);
    assertTrue(ms < 1000, ms + " ms");
    short[] b = Sound.skip(pulse.recordSink("speaker_b", Duration.ofMillis(800)), 16000, 200);
    assertEquals(TONE_HZ, Sound.dominantHz(b, 16000), 10, () -> Sound.describe(b, 16000));
    short[] a = pulse.recordSink("speaker_a", Duration.ofMillis(300));
    assertTrue(Sound.rmsDbfs(a) < -90, () -> "speaker_a should be silent: " + Sound.describe(a, 16000));
    routeAndWait(() -> audio.routePlayback("speaker_a"), this::playback, "speaker_a");
  }

  @Test
  void unpluggingTheRoutedMicrophoneFallsBackToTheDefaultAndSaysSo() throws Exception {
    pulse.addMicrophone(new PulseServer.Mic("mic_d", "Mic D", 660));
    routeAndWait(() -> audio.routeRecording("mic_d"), this::recording, "mic_d");
    fallbacks.clear();
    long t0 = System.nanoTime();
    pulse.removeMicrophone("mic_d");
    Fallback f = fallbacks.poll(2, TimeUnit.SECONDS);
    System.out.printf("mic_d unplugged: fallback reported after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    assertEquals(new Fallback(Direction.RECORDING, new Endpoint("mic_d", "Mic D")), f);
    routeAndWait(() -> {}, this::recording, "mic_a");
    assertHears(PulseServer.MIC_A.hz());
  }

  @Test
  void routingToAnUnknownSpeakerFallsBackToTheDefaultAndSaysSo() throws Exception {
    routeAndWait(() -> audio.routePlayback("speaker_b"), this::playback, "speaker_b");
    fallbacks.clear();
    audio.routePlayback("no_such_speaker");
    assertEquals(new Fallback(Direction.PLAYBACK, new Endpoint("no_such_speaker", "no_such_speaker")),
        fallbacks.poll(2, TimeUnit.SECONDS));
    routeAndWait(() -> {}, this::playback, "speaker_a");
  }

  @Test
  void onlyThisProcesssWebrtcStreamsAreMoved() throws Exception {
    Process sameName = parec("--client-name=" + AudioServer.WEBRTC_APPLICATION);
    Process samePid = parec("--property=application.process.id=" + PID);
    try {
      List<AudioStream> others = awaitStreams(sameName, samePid);
      routeAndWait(() -> audio.routeRecording("mic_b"), this::recording, "mic_b");
      routeAndWait(() -> audio.routeRecording("mic_c"), this::recording, "mic_c");
      assertEquals(List.of("mic_a", "mic_a"), others.stream().map(AudioStream::device).toList(), "stand-ins start on mic_a");
      assertEquals(others, awaitStreams(sameName, samePid), "the other streams stay on mic_a");
    } finally {
      sameName.destroy();
      samePid.destroy();
      sameName.waitFor(5, TimeUnit.SECONDS);
      samePid.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Our libwebrtc recording streams' sources (not the stand-ins that only share one trait). */
  private List<String> recording() {
    return ours(pulse.recordingStreams());
  }

  private List<String> playback() {
    return ours(pulse.playbackStreams());
  }

  private static List<String> ours(List<AudioStream> streams) {
    return streams.stream().filter(s -> s.processId().equals(String.valueOf(PID))
        && s.application().equals(AudioServer.WEBRTC_APPLICATION)).map(AudioStream::device).toList();
  }

  /**
   * Runs {@code action}, then looks again after each change the server reports until our one
   * stream is on {@code device}. Returns the milliseconds from the action's start to the change
   * that put it there, or, when the first look already finds it there, to the end of that look
   * (an upper bound: one look is a pactl run of some 20-50 ms).
   */
  private long routeAndWait(Runnable action, Supplier<List<String>> where, String device) {
    long t0 = System.nanoTime();
    action.run();
    long deadline = t0 + TimeUnit.SECONDS.toNanos(3);
    List<String> now = where.get();
    long doneAt = System.nanoTime();
    while (!now.equals(List.of(device))) {
      OptionalLong change = events.await(deadline);
      if (change.isEmpty()) {
        throw new AssertionError("our stream is not (only) on " + device + " after 3 s: " + now);
      }
      doneAt = change.getAsLong();
      now = where.get();
    }
    return (doneAt - t0) / 1_000_000;
  }

  private void assertHears(int hz) throws InterruptedException {
    short[] pcm = webrtc.listen(Duration.ofMillis(700));
    short[] steady = Sound.skip(pcm, webrtc.rate(), 150);
    assertEquals(hz, Sound.dominantHz(steady, webrtc.rate()), 10, () -> Sound.describe(steady, webrtc.rate()));
  }

  private Process parec(String identity) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("parec", "--device=mic_a", "--raw", "--latency-msec=50", identity);
    pb.environment().putAll(pulse.env());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  /** The two stand-in streams, once both exist (each on mic_a). */
  /**
   * The two stand-in streams once both are linked to a device (PipeWire lists a new stream with
   * no device, "#-1", until WirePlumber links it).
   */
  private List<AudioStream> awaitStreams(Process sameName, Process samePid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (true) {
      List<AudioStream> others = pulse.recordingStreams().stream()
          .filter(s -> s.processId().equals(String.valueOf(sameName.pid()))
              || s.processId().equals(String.valueOf(PID)) && !s.application().equals(AudioServer.WEBRTC_APPLICATION))
          .toList();
      boolean linked = others.size() == 2 && others.stream().noneMatch(o -> o.device().startsWith("#"));
      if (linked || System.nanoTime() > deadline) {
        assertTrue(linked, () -> "stand-ins: " + pulse.recordingStreams());
        return others;
      }
      // the next change event, or another look after 100 ms (a link need not send one)
      events.await(Math.min(deadline, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)));
    }
  }
}
