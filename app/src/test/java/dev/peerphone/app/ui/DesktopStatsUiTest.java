package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.HeadlessProcess;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real window in a real call: the status line shows the path the media takes and its round trip. */
class DesktopStatsUiTest extends UiTestBase {
  private static final Pattern PATH_AND_RTT = Pattern.compile(".*Media: connected  ·  direct \\(host/udp\\)  ·  (<1|\\d+) ms  ·  \\d\\d:\\d\\d");

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

  private String statusText() {
    return fx(() -> lookup("#status").queryLabeled().getText());
  }
}
