package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * The "Share screen" button of the real window. These UI tests run headless (Monocle, AWT
 * headless), so there is no screen to capture: the button and Ctrl+S must say so and stay off,
 * and the call's video must go on. Real sharing is tested in ScreenShareEndToEndTest under Xvfb.
 */
class DesktopShareUiTest extends UiTestBase {

  @Test
  void shareScreenWithoutADisplaySaysWhyAndTheButtonStaysOff() {
    signIn("alice");
    assertEquals("Share screen (Ctrl+S)", accessibleText());
    clickOn("#shareScreen");
    waitUntil("the notice explains", () -> window.model().noticeProperty().get()
        .startsWith("Cannot share the screen: Screen sharing needs a graphical display"));
    waitUntil("the button is off again", () -> !checked("#shareScreen"));
    assertEquals("Share screen (Ctrl+S)", accessibleText());
    fx(() -> {
      window.model().noticeWrapper().set("");
      return null;
    });
    press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
    waitUntil("Ctrl+S tried too", () -> window.model().noticeProperty().get().startsWith("Cannot share the screen"));
    assertFalse(fx(() -> window.model().screenShare().sharingProperty().get()));
  }

  private String accessibleText() {
    return fx(() -> lookup("#shareScreen").queryAs(ToggleButton.class).getAccessibleText());
  }
}
