package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.rtc.DeviceList;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.PulseServer;
import dev.peerphone.app.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * Settings that stay: the real window started twice on one settings file, as the app starts it
 * ({@link SettingsKeeper}), on a throwaway PulseAudio server with three microphones and two
 * speakers. The second start offers the first one's name and server and, signed in, uses its
 * microphone, speaker, camera, quality and relay choice (as the engine reports them), in a window
 * of the same size; a corrupt file starts with defaults and says so.
 */
class DesktopSettingsUiTest extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  private static PulseServer pulse;
  @TempDir Path dir;
  private TestServer server;
  private DesktopWindow window;

  @BeforeAll
  static void startSoundServer() {
    pulse = PulseServer.start();
    pulse.exportToThisProcess(); // before any engine of this JVM opens audio
  }

  @AfterAll
  static void stopSoundServer() {
    pulse.close();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = new TestServer();
  }

  @AfterEach
  void close() throws Exception {
    HeadlessFx.closeWindow(window);
    server.close();
  }

  /** Starts the window as {@link DesktopApp} does: load, media from the saved choices, notices. */
  private SettingsFile start(Path file) throws Exception {
    SettingsFile settings = new SettingsFile(file);
    SettingsFile.Loaded saved = settings.load();
    List<String> notices = new ArrayList<>();
    if (!saved.notice().isEmpty()) {
      notices.add(saved.notice());
    }
    MediaConfig media = SettingsKeeper.media(DesktopOptions.parse(new String[0]), saved.settings(), DeviceList::read,
        notices);
    window = HeadlessFx.openWindow(new ClientBackend(media, 0, 0), settings);
    fx(() -> {
      window.model().noticeWrapper().set(String.join(" ", notices));
      return null;
    });
    return settings;
  }

  @Test
  void aSecondStartOffersTheNameServerDevicesAndWindowOfTheFirst() throws Exception {
    Path file = dir.resolve("peerphone").resolve("settings.json");
    start(file);
    assertEquals("", text("#name"));
    clickOn("#name").write("alice");
    clickOn("#server").write("127.0.0.1:" + server.port());
    clickOn("#signIn");
    waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
    waitUntil("devices listed", () -> items("#microphone").contains("Mic B") && items("#speaker").contains("Speaker B")
        && items("#camera").contains("Test pattern 1280x720"));
    pick("#microphone", "Mic B");
    pick("#speaker", "Speaker B");
    pick("#camera", "Test pattern 1280x720");
    waitUntil("the camera in use", () -> value("#camera").equals("Test pattern 1280x720"));
    pick("#quality", "360p 15 fps");
    clickOn("#relayOnly");
    pick("#theme", "Dark");
    waitUntil("the engine on Mic B and Speaker B, 360p",
        () -> value("#microphone").equals("Mic B") && value("#speaker").equals("Speaker B")
            && value("#quality").equals("360p 15 fps") && checked("#relayOnly"));
    fx(() -> {
      Stage s = window.stage();
      s.setX(30);
      s.setY(20);
      s.setWidth(900);
      s.setHeight(640);
      return null;
    });
    Stage primary = window.stage();
    HeadlessFx.closeWindow(window);
    window = null;

    String json = Files.readString(file, StandardCharsets.UTF_8);
    System.out.println("settings after the first run:\n" + json);
    for (String expected : List.of("\"alice\"", "\"127.0.0.1:" + server.port() + "\"", "\"Mic B\"", "\"Speaker B\"",
        "\"Test pattern 1280x720\"", "\"640x360@15\"", "\"relayOnly\": true", "\"width\": 900.0",
        "\"theme\": \"dark\"")) {
      assertTrue(json.contains(expected), expected + " in " + json);
    }

    fx(() -> {
      primary.setWidth(1100); // what the first run left on TestFX's one primary stage: not a proof
      primary.setHeight(700);
      return null;
    });
    start(file);
    assertEquals("alice", text("#name"));
    assertEquals("127.0.0.1:" + server.port(), text("#server"));
    assertEquals(900.0, fx(() -> window.stage().getWidth()), 1.0);
    assertEquals(640.0, fx(() -> window.stage().getHeight()), 1.0);
    assertTrue(fx(() -> window.model().relayOnlyProperty().get()), "relay-only chosen before sign-in");
    assertEquals(Theme.DARK, fx(() -> window.theme().get()), "the colours chosen last time");
    assertTrue(fx(() -> window.stage().getScene().getRoot().getStyleClass().contains("dark")));
    assertEquals("", fx(() -> window.model().noticeProperty().get()));
    clickOn("#signIn");
    waitUntil("signed in again", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
    waitUntil("the engine started on the saved devices",
        () -> value("#microphone").equals("Mic B") && value("#speaker").equals("Speaker B")
            && value("#camera").equals("Test pattern 1280x720") && value("#quality").equals("360p 15 fps"));
    assertTrue(checked("#relayOnly"));
  }

  @Test
  void aCorruptSettingsFileStartsWithDefaultsAndANotice() throws Exception {
    Path file = dir.resolve("settings.json");
    String garbage = "{\"name\": \"alice\", \"window\": {\"x\": 1,,,";
    Files.writeString(file, garbage);
    start(file);
    assertEquals("", text("#name"));
    assertEquals("", text("#server"));
    String notice = fx(() -> lookup("#signInNotice").queryAs(Label.class).getText());
    assertTrue(notice.contains("could not be used") && notice.contains("settings.json.bad"), notice);
    assertEquals(garbage, Files.readString(dir.resolve("settings.json.bad")), "the user's file kept");
    clickOn("#name").write("bob");
    clickOn("#server").write("127.0.0.1:" + server.port());
    clickOn("#signIn");
    waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
    waitUntil("a good file written", () -> Files.readString(file).contains("\"bob\""));
    SettingsFile.Loaded again = new SettingsFile(file).load();
    assertEquals("", again.notice());
    assertEquals("bob", again.settings().name());
  }

  // ---- helpers ----

  private String text(String query) {
    return fx(() -> lookup(query).queryAs(TextField.class).getText());
  }

  private List<String> items(String combo) {
    return fx(() -> List.copyOf(lookup(combo).queryComboBox().getItems().stream().map(String::valueOf).toList()));
  }

  private String value(String combo) {
    return fx(() -> String.valueOf(lookup(combo).queryAs(ComboBox.class).getValue()));
  }

  private boolean checked(String query) {
    return fx(() -> lookup(query).queryAs(CheckBox.class).isSelected());
  }

  private void pick(String combo, String label) {
    HeadlessFx.showSettings(this, window);
    clickOn(combo);
    clickOn(label);
  }

  private static <T> T fx(Callable<T> what) {
    return HeadlessFx.fx(what);
  }

  private static void waitUntil(String what, Callable<Boolean> condition) {
    HeadlessFx.waitUntil(what, condition);
  }
}
