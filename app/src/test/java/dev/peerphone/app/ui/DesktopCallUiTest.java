package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.HeadlessProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The real window: sign in (or time out against a silent server), call a headless peer: video, chat, pause, shortcuts, webcam switch, hang up. */
class DesktopCallUiTest extends UiTestBase {

  @Test
  void callsAHeadlessPeerShowsItsVideoChatsBothWaysPausesByCheckboxAndShortcutAndHangsUpByShortcut() {
    HeadlessProcess bob = peer("bob", "--echo", "--fake-video");
    signIn("alice");
    waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));

    // Select, then "Call": a double-click can arrive as two single clicks on a loaded machine.
    clickOn("bob  (available)");
    clickOn("#callSelected");
    bob.await("call-connected", TIMEOUT);
    HeadlessFx.awaitRemoteVideo(window, "bob", 5);
    waitUntil("local preview drawn", () -> window.main().video().local().shown() > 0);

    clickOn("#chatInput").write("hello bob");
    type(KeyCode.ENTER);
    bob.await("chat", e -> e.get("text").getAsString().equals("hello bob"), TIMEOUT);
    waitUntil("echo shown and our line delivered", () -> window.model().chat().stream()
        .anyMatch(l -> l.sender().equals("bob") && l.text().equals("hello bob"))
        && window.model().chat().stream().noneMatch(l -> l.delivery() == ChatLine.Delivery.PENDING));
    bob.command("say alice <i>plain</i>");
    waitUntil("bob's text shown as is", () -> window.model().chat().stream()
        .anyMatch(l -> l.text().equals("<i>plain</i>")));

    clickOn("#video");
    bob.await("remote-paused", e -> e.get("kind").getAsString().equals("video") && e.get("paused").getAsBoolean(), TIMEOUT);
    clickOn("#audio");
    bob.await("remote-paused", e -> e.get("kind").getAsString().equals("audio") && e.get("paused").getAsBoolean(), TIMEOUT);
    clickOn("#video");
    bob.await("remote-paused", e -> e.get("kind").getAsString().equals("video") && !e.get("paused").getAsBoolean(), TIMEOUT);
    assertEquals(false, fx(() -> window.model().audioOnProperty().get()));

    bob.command("pause video");
    waitUntil("camera-off overlay", () -> visible("#cameraOff-bob"));

    // Shortcuts, pressed where the user's focus is after chatting: the chat box.
    clickOn("#chatInput");
    push(KeyCode.CONTROL, KeyCode.M);
    waitUntil("Ctrl+M unmutes", () -> window.model().audioOnProperty().get() && checked("#audio"));
    bob.await("remote-paused", e -> e.get("kind").getAsString().equals("audio") && !e.get("paused").getAsBoolean(), TIMEOUT);
    push(KeyCode.CONTROL, KeyCode.E);
    waitUntil("Ctrl+E turns the camera off", () -> !window.model().videoOnProperty().get() && !checked("#video"));
    bob.await("remote-paused", e -> e.get("kind").getAsString().equals("video") && e.get("paused").getAsBoolean(), TIMEOUT);
    push(KeyCode.CONTROL, KeyCode.H);
    bob.await("call-ended", TIMEOUT);
    waitUntil("call over", () -> window.model().peerProperty().get().isEmpty());
    assertTrue(fx(() -> window.stage().getTitle()).startsWith("Peerphone — alice"));
  }

  @Test
  void signInToAServerThatAcceptsButNeverAnswersGivesUpWithAMessage() throws Exception {
    // The backlog completes the TCP handshake; nobody ever reads the WebSocket upgrade.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      clickOn("#name").write("alice");
      clickOn("#server").write("127.0.0.1:" + silent.getLocalPort());
      clickOn("#signIn");
      waitUntil("signing in", () -> window.model().signingInProperty().get());
      waitUntil("gave up", () -> !window.model().signingInProperty().get());
      assertTrue(fx(() -> lookup("#signInError").queryLabeled().getText()).startsWith("No answer from the server"));
      assertEquals(PhoneModel.Screen.SIGN_IN, fx(() -> window.model().screenProperty().get()));
      assertTrue(fx(() -> !lookup("#signIn").query().isDisabled()), "can try again");
    }
  }

  @Test
  void switchingTheWebcamMidCallChangesWhatThePeerReceives() {
    HeadlessProcess bob = peer("bob", "--fake-video");
    signIn("alice");
    waitUntil("bob listed", () -> window.model().users().stream().anyMatch(u -> u.name().equals("bob")));
    clickOn("bob  (available)");
    clickOn("#callSelected");
    bob.await("remote-video", TIMEOUT);

    // Under CPU load the encoder may scale the picture down, but never changes its shape:
    // 16:9 proves the 1280x720 pattern arrived, 4:3 at 320 wide or less the 320x240 one.
    pickCamera("Test pattern 1280x720");
    waitUntil("local preview 1280 wide", () -> localWidth() == 1280);
    bob.await("remote-video", e -> shaped(e, 16.0 / 9), TIMEOUT);
    pickCamera("Test pattern 320x240");
    waitUntil("local preview 320 wide", () -> localWidth() == 320);
    bob.await("remote-video", e -> shaped(e, 4.0 / 3) && e.get("width").getAsInt() <= 320, TIMEOUT);
    assertEquals("Test pattern 320x240", fx(() -> window.model().devices().cameraProperty().get()));
  }

  private void pickCamera(String label) {
    showSettings();
    clickOn("#camera");
    clickOn(label);
  }

  private int localWidth() {
    javafx.scene.image.Image img = window.main().video().local().view().getImage();
    return img == null ? 0 : (int) img.getWidth();
  }

  /** Scaled sizes are rounded to whole pixels: allow a little. */
  private static boolean shaped(com.google.gson.JsonObject e, double aspect) {
    return Math.abs(e.get("width").getAsDouble() / e.get("height").getAsDouble() - aspect) < 0.03;
  }
}
