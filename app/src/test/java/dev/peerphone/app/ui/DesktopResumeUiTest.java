package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TcpProxy;
import java.time.Duration;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * The real window across a silently dead network path mid-call (PROTOCOL, Resuming): the desktop
 * reconnects and resumes its session, the call stays on screen and its video keeps drawing.
 */
class DesktopResumeUiTest extends UiTestBase {

  @Test
  void aPathThatDiesSilentlyMidCallIsResumedAndTheCallStaysOnScreenWithVideo() {
    try (TcpProxy path = TcpProxy.to(server.uri())) {
      HeadlessProcess bob = peer("bob", "--fake-video");
      clickOn("#name").write("alice");
      clickOn("#server").write("127.0.0.1:" + path.uri(server.uri()).getPort());
      clickOn("#signIn");
      waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
      waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
      clickOn("bob  (available)");
      clickOn("#callSelected");
      bob.await("call-connected", TIMEOUT);
      HeadlessFx.awaitRemoteVideo(window, "bob", 5);

      path.severSilently();
      waitUntil("a new connection through the path", () -> path.connections() >= 2);
      waitUntil("signaling connected again", () -> window.model().statusLineProperty().get()
          .contains("Signaling: connected"));
      long shown = fx(() -> window.main().video().remote("bob").shown());
      HeadlessFx.awaitRemoteVideo(window, "bob", (int) shown + 30);
      assertEquals("bob", fx(() -> window.model().peerProperty().get()), "the call is still on screen");
      bob.assertNo("call-ended", Duration.ofSeconds(1));

      clickOn("#chatInput");
      push(KeyCode.CONTROL, KeyCode.H);
      bob.await("call-ended", TIMEOUT);
    }
  }
}
