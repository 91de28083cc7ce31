package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.PipeWireServer;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.Sound;
import dev.peerphone.app.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two {@code ./peerphone headless} processes in a call on one throwaway PipeWire: each chosen
 * device carries the call, proven by the tone each speaker plays.
 */
class PipeWireHeadlessCallTest {
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static PipeWireServer pw;
  private static TestServer server;
  private static final List<HeadlessProcess> peers = new ArrayList<>();

  @BeforeAll
  static void start() {
    pw = PipeWireServer.start();
    server = new TestServer();
  }

  @AfterAll
  static void stop() {
    peers.forEach(HeadlessProcess::close);
    server.close();
    pw.close();
  }

  private static HeadlessProcess peer(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server", server.uri().toString(), "--name", name, "--fake-video"));
    args.addAll(List.of(extra));
    HeadlessProcess p = new HeadlessProcess(name, args, pw.env());
    peers.add(p);
    p.await("logged-in", CONNECT);
    return p;
  }

  @Test
  void theChosenSpeakerPlaysTheChosenMicrophoneOfThePeer() {
    HeadlessProcess bob = peer("bob", "--speaker", "Speaker B");
    HeadlessProcess alice = peer("alice", "--mic", "Mic B", "--call", "bob");
    assertEquals("Mic B", alice.awaitAny("audio", e -> true, CONNECT).get("microphone").getAsString());
    bob.await("remote-audio", e -> e.get("dbfs").getAsDouble() > -30, CONNECT);
    alice.await("remote-audio", e -> e.get("dbfs").getAsDouble() > -30, CONNECT);
    assertEquals(List.of("mic_b"), pw.recordingSourcesOf(alice.pid()), "alice records Mic B");
    assertEquals(List.of("speaker_b"), pw.playbackSinksOf(bob.pid()), "bob plays on Speaker B");

    // Speaker B: bob playing alice's Mic B (880 Hz). Speaker A: alice playing bob's default Mic A (440 Hz).
    short[] b = Sound.skip(pw.recordSink(PulseServer.SPEAKER_B, Duration.ofMillis(1200)), 16000, 200);
    short[] a = Sound.skip(pw.recordSink(PulseServer.SPEAKER_A, Duration.ofMillis(1200)), 16000, 200);
    System.out.printf("Speaker B: %s; Speaker A: %s%n", Sound.describe(b, 16000), Sound.describe(a, 16000));
    assertEquals(PulseServer.MIC_B.hz(), Sound.dominantHz(b, 16000), 15, () -> "Speaker B: " + Sound.describe(b, 16000));
    assertTrue(Sound.rmsDbfs(b) > -40, () -> "Speaker B: " + Sound.describe(b, 16000));
    assertEquals(PulseServer.MIC_A.hz(), Sound.dominantHz(a, 16000), 15, () -> "Speaker A: " + Sound.describe(a, 16000));

    alice.command("mic Mic C"); // mid-call: Speaker B now plays 1320 Hz
    alice.await("audio", e -> e.get("microphone").getAsString().equals("Mic C"), CONNECT);
    short[] c = Sound.skip(pw.recordSink(PulseServer.SPEAKER_B, Duration.ofMillis(1500)), 16000, 500);
    assertEquals(PulseServer.MIC_C.hz(), Sound.dominantHz(c, 16000), 15, () -> "Speaker B: " + Sound.describe(c, 16000));
  }
}
