package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.peerphone.app.testing.PulseServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./peerphone devices} as a user runs it: a separate process, with and without a sound server. */
class DevicesCommandTest {
  private static PulseServer pulse;

  @BeforeAll
  static void start() {
    pulse = PulseServer.start();
  }

  @AfterAll
  static void stop() {
    pulse.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run devices(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("devices"));
    all.addAll(List.of(args));
    return peerphone(env, all.toArray(String[]::new));
  }

  private static Run peerphone(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(), "-cp",
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "dev.peerphone.app.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "devices did not exit");
    return new Run(p.exitValue(), out, err);
  }

  @Test
  void listsMicrophonesAndSpeakersByTheNamesTheOptionsTakeWithTheDefaultsMarked() throws Exception {
    Run r = devices(pulse.env());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Mic B  [mic_b]"), r.out());
    assertTrue(r.out().contains("Mic A  [mic_a]  (default)"), r.out());
    assertTrue(r.out().contains("Speaker B  [speaker_b]"), r.out());
    assertTrue(r.out().contains("Test pattern 640x480"), r.out());
    assertTrue(!r.out().contains(".monitor"), "speaker monitors are not microphones: " + r.out());

    Run j = devices(pulse.env(), "--json");
    JsonObject o = JsonParser.parseString(j.out()) // stdout is the one JSON object and nothing else
        .getAsJsonObject();
    JsonArray mics = o.getAsJsonArray("microphones");
    assertEquals(3, mics.size(), o.toString());
    assertEquals("Mic A", mics.get(0).getAsJsonObject().get("name").getAsString());
    assertTrue(mics.get(0).getAsJsonObject().get("default").getAsBoolean());
    // The rig's tone generators are null sinks too, so they are listed as speakers after A and B.
    assertEquals("Speaker A", o.getAsJsonArray("speakers").get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("speaker_b", o.getAsJsonArray("speakers").get(1).getAsJsonObject().get("id").getAsString());
    assertTrue(o.get("audioServer").getAsString().startsWith("PulseAudio"), o.toString());
  }

  @Test
  void withoutASoundServerSaysSoInsteadOfHanging() throws Exception {
    long t0 = System.nanoTime();
    Run r = devices(Map.of("PULSE_SERVER", "unix:/nonexistent/pulse/native"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("no audio server"), r.out());
    assertTrue(r.out().contains("Test pattern 320x240"), r.out());
    assertTrue(ms < 15_000, "took " + ms + " ms");
  }

  @Test
  void theDesktopRefusesAnUnknownMicrophoneOrSpeakerBeforeOpeningAWindow() throws Exception {
    Run mic = peerphone(pulse.env(), "desktop", "--mic", "Nope");
    assertEquals(2, mic.exit(), mic.err());
    assertTrue(mic.err().contains("No microphone named 'Nope'. Choose one of: Mic A, Mic B, Mic C"), mic.err());
    Run speaker = peerphone(pulse.env(), "desktop", "--speaker", "Nope");
    assertEquals(2, speaker.exit(), speaker.err());
    assertTrue(speaker.err().contains("No speaker named 'Nope'. Choose one of: Speaker A, Speaker B"), speaker.err());
    Run camera = peerphone(pulse.env(), "desktop", "--camera", "Nope");
    assertEquals(2, camera.exit(), camera.err());
    assertTrue(camera.err().contains("Test pattern 640x480"), camera.err());
  }

  @Test
  void anUnknownOptionIsAnError() throws Exception {
    Run r = devices(pulse.env(), "--bogus");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Unknown option: --bogus"), r.err());
  }
}
