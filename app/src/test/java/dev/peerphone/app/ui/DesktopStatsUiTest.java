package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TcpProxy;
import dev.peerphone.app.testing.TestServer;
import dev.peerphone.signaling.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * The real window in a real call: the status line shows the path the media takes and its round
 * trip; the statistics overlay shows both ways' rates, codec, size and the host pair; "Copy
 * diagnostics" puts a report on the clipboard that keeps the server's secrets out.
 */
class DesktopStatsUiTest extends UiTestBase {
  private static final Pattern PATH_AND_RTT = Pattern.compile(".*Media: connected  ·  direct \\(host/udp\\)  ·  (<1|\\d+) ms  ·  \\d\\d:\\d\\d");
  /** "In   VP8 + opus  ·  640x480  ·  30 fps  ·  491 kbps ...", the same for "Out". */
  private static final Pattern MEDIA = Pattern.compile("(In|Out) +(VP8|VP9|H264|AV1)( \\+ opus)?  ·  (\\d+)x(\\d+)  ·  \\d+ fps  ·  (\\d+) kbps");

  @Test
  void theStatusLineShowsTheDirectHostPairAndTheRoundTripDuringACall() {
    HeadlessProcess bob = peer("bob", "--fake-video");
    signIn("alice");
    waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
    clickOn("bob  (available)");
    clickOn("#callSelected");
    bob.await("call-connected", TIMEOUT);

    waitUntil("path and round trip shown", () -> PATH_AND_RTT.matcher(statusText()).matches());
    bob.command("hangup alice");
    waitUntil("call over", () -> window.model().peerProperty().get().isEmpty());
    assertTrue(!statusText().contains("direct"), statusText());
  }

  @Test
  void theOverlayShowsRatesCodecSizeAndTheHostPairAndDiagnosticsLeaveTheSecretsOut() {
    int nobody = freeUdpPort(); // TURN and STUN on loopback where nothing answers: the call stays direct
    String secret = "turn-secret-" + UUID.randomUUID();
    ServerConfig withTurn = ServerConfig.defaults().withIceServers(List.of("stun:127.0.0.1:" + nobody),
        List.of("turn:127.0.0.1:" + nobody + "?transport=udp"), secret, Duration.ofMinutes(10));
    try (TestServer turnServer = new TestServer(withTurn); TcpProxy wire = TcpProxy.to(turnServer.uri())) {
      HeadlessProcess bob = new HeadlessProcess("bob", List.of("--server", turnServer.uri().toString(),
          "--name", "bob", "--fake-audio", "--fake-video"));
      peers.add(bob);
      bob.await("logged-in", TIMEOUT);
      clickOn("#name").write("alice");
      clickOn("#server").write("127.0.0.1:" + wire.uri(turnServer.uri()).getPort());
      clickOn("#signIn");
      waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
      waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
      clickOn("bob  (available)");
      clickOn("#callSelected");
      bob.await("call-connected", TIMEOUT);
      HeadlessFx.awaitRemoteVideo(window, "bob", 5);
      waitUntil("a reading", () -> window.model().stats.latest().containsKey("bob"));
      assertFalse(visible("#stats-bob"), "off until switched on");

      clickOn("#statsToggle");
      waitUntil("overlay shows both ways moving, codec, size and the host pair",
          () -> visible("#stats-bob") && showsLiveCall(overlayText()));
      String shown = overlayText();
      System.out.println("overlay:\n" + shown);

      push(KeyCode.CONTROL, KeyCode.I);
      waitUntil("Ctrl+I hides it", () -> !visible("#stats-bob"));
      push(KeyCode.CONTROL, KeyCode.I);
      waitUntil("Ctrl+I shows it again", () -> visible("#stats-bob"));
      clickOn("#statsToggle");
      waitUntil("the toggle hides it", () -> !visible("#stats-bob"));

      showSettings();
      fx(() -> {
        Clipboard.getSystemClipboard().clear();
        return null;
      });
      clickOn("#copyDiagnostics");
      waitUntil("report on the clipboard", () -> fx(() -> Clipboard.getSystemClipboard().hasString()));
      String report = fx(() -> Clipboard.getSystemClipboard().getString());
      System.out.println("diagnostics:\n" + report);
      assertTrue(report.contains("webrtc-java: 0.14.0"), report);
      assertTrue(report.contains("JavaFX: ") && report.contains("Java: ") && report.contains("OS: "), report);
      assertTrue(report.contains("Camera: ") && report.contains("Microphone: "), report);
      assertTrue(report.contains("turn:127.0.0.1:" + nobody) && report.contains("stun:127.0.0.1:" + nobody), report);
      assertTrue(report.contains("with bob") && showsLiveCall(report), report);

      String wireText = wire.received();
      List<String> secrets = new ArrayList<>(List.of(secret));
      secrets.addAll(values(wireText, "token"));
      secrets.addAll(values(wireText, "username"));
      secrets.addAll(values(wireText, "credential"));
      assertTrue(values(wireText, "token").size() >= 1 && values(wireText, "credential").size() >= 1,
          "the login reply gave a resume token and TURN credentials: " + wireText);
      for (String s : secrets) {
        assertFalse(report.contains(s), "the report leaks " + s + ":\n" + report);
      }
      bob.command("hangup alice");
      waitUntil("call over", () -> window.model().peerProperty().get().isEmpty());
    }
  }

  /** In and Out lines with a codec, a size and a non-zero bit rate; the host pair. */
  private static boolean showsLiveCall(String text) {
    if (!text.contains("host \u2194 host")) {
      return false;
    }
    boolean in = false;
    boolean out = false;
    Matcher m = MEDIA.matcher(text);
    while (m.find()) {
      if (Integer.parseInt(m.group(6)) > 0 && Integer.parseInt(m.group(4)) > 0) {
        in |= m.group(1).equals("In");
        out |= m.group(1).equals("Out");
      }
    }
    return in && out;
  }

  /** Every string value of {@code "key"} in the JSON that crossed the wire. */
  private static List<String> values(String wireText, String key) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]+)\"").matcher(wireText);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static int freeUdpPort() {
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String overlayText() {
    return fx(() -> window.main().video().stats("bob").text());
  }

  private String statusText() {
    return fx(() -> lookup("#status").queryLabeled().getText());
  }
}
