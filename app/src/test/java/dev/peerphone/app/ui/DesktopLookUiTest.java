package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.UserStatus;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The window's look on a fake engine: side panels that hide and give their room to the video
 * (buttons and Ctrl+U / Ctrl+T / Ctrl+,), icon buttons that say what they do, the microphone
 * button saying what the next click does, and the theme switching between light and dark.
 */
class DesktopLookUiTest extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  private final FakeBackend engine = new FakeBackend();
  private DesktopWindow window;

  @BeforeEach
  void signIn() throws Exception {
    window = HeadlessFx.openWindow(engine);
    clickOn("#name").write("alice");
    clickOn("#signIn");
    HeadlessFx.fx(() -> {
      engine.emit(new CallEvent.LoggedIn("alice", List.of(new UserStatus("alice", "available"),
          new UserStatus("bob", "available"))));
      return null;
    });
    HeadlessFx.waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
  }

  @AfterEach
  void close() throws Exception {
    HeadlessFx.closeWindow(window);
  }

  @Test
  void sidePanelsHideAndShowByButtonAndShortcutAndTheVideoTakesTheRoom() {
    assertTrue(visible("#usersPane") && visible("#chatPane") && !visible("#settingsPane"), "users and chat at first");
    double narrow = videoWidth();
    press(KeyCode.CONTROL, KeyCode.U).release(KeyCode.U, KeyCode.CONTROL);
    HeadlessFx.waitUntil("Ctrl+U hides the users", () -> !visible("#usersPane"));
    press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
    HeadlessFx.waitUntil("Ctrl+T hides the chat", () -> !visible("#chatPane"));
    HeadlessFx.waitUntil("the video takes the room", () -> videoWidth() > narrow + 400);
    press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
    HeadlessFx.waitUntil("Ctrl+, shows the settings", () -> visible("#settingsPane"));
    clickOn("#usersToggle");
    clickOn("#chatToggle");
    clickOn("#settingsToggle");
    HeadlessFx.waitUntil("the buttons bring users and chat back and hide the settings",
        () -> visible("#usersPane") && visible("#chatPane") && !visible("#settingsPane"));
    assertTrue(HeadlessFx.fx(() -> lookup("#usersToggle").queryAs(ToggleButton.class).isSelected()));
  }

  @Test
  void everyCallBarButtonHasAnIconATooltipAndAccessibleText() {
    List<ButtonBase> buttons = HeadlessFx.fx(() -> lookup("#callBar").queryAs(javafx.scene.Parent.class)
        .getChildrenUnmodifiable().stream().filter(ButtonBase.class::isInstance).map(ButtonBase.class::cast).toList());
    assertTrue(buttons.size() >= 9, "buttons found: " + buttons.size());
    for (ButtonBase b : buttons) {
      HeadlessFx.fx(() -> {
        assertNotNull(b.getGraphic(), b.getId() + " has an icon");
        assertNotNull(b.getTooltip(), b.getId() + " has a tooltip");
        assertEquals(b.getTooltip().getText(), b.getAccessibleText(), b.getId());
        return null;
      });
    }
  }

  @Test
  void theMicrophoneButtonSaysWhatTheNextClickDoes() {
    assertEquals("Mute microphone (Ctrl+M)", HeadlessFx.fx(() -> lookup("#audio").queryAs(ToggleButton.class)
        .getAccessibleText()));
    clickOn("#audio");
    HeadlessFx.waitUntil("muted", () -> !window.model().audioOnProperty().get());
    assertEquals("Unmute microphone (Ctrl+M)", HeadlessFx.fx(() -> lookup("#audio").queryAs(ToggleButton.class)
        .getTooltip().getText()));
    assertFalse(HeadlessFx.fx(() -> lookup("#audio").queryAs(ToggleButton.class).isSelected()));
    HeadlessFx.waitUntil("the engine told", () -> engine.commands.contains("pause audio"));
  }

  @Test
  void theThemeSwitchesBetweenLightAndDark() {
    HeadlessFx.showSettings(this, window);
    clickOn("#theme");
    clickOn("Dark");
    HeadlessFx.waitUntil("dark", () -> window.theme().get() == Theme.DARK
        && window.stage().getScene().getRoot().getStyleClass().contains("dark")
        && Application.getUserAgentStylesheet().contains("primer-dark"));
    clickOn("#theme");
    clickOn("Light");
    HeadlessFx.waitUntil("light", () -> window.stage().getScene().getRoot().getStyleClass().contains("light")
        && Application.getUserAgentStylesheet().contains("primer-light"));
  }

  private boolean visible(String query) {
    return HeadlessFx.fx(() -> lookup(query).query().isVisible());
  }

  private double videoWidth() {
    return HeadlessFx.fx(() -> window.main().video().getWidth());
  }
}
