package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;

/**
 * Drives the real desktop window headless (TestFX on Monocle, software rendering) against the
 * real embedded server, with real headless peers in their own JVMs and real WebRTC.
 */
abstract class UiTestBase extends FxRobot {
  static {
    HeadlessFx.useMonocle();
  }

  static final java.time.Duration TIMEOUT = HeadlessFx.TIMEOUT;

  TestServer server;
  DesktopWindow window;
  final List<HeadlessProcess> peers = new ArrayList<>();

  @BeforeEach
  void openWindow() throws Exception {
    server = new TestServer();
    window = HeadlessFx.openWindow(media());
  }

  /** What the window's engine sends: synthetic video and silence unless a test needs more. */
  MediaConfig media() {
    return MediaConfig.synthetic();
  }

  @AfterEach
  void closeWindow() throws Exception {
    HeadlessFx.closeWindow(window);
    peers.forEach(HeadlessProcess::close);
    server.close();
  }

  HeadlessProcess peer(String name, String... args) {
    List<String> a = new ArrayList<>(List.of("--server", server.uri().toString(), "--name", name, "--fake-audio"));
    a.addAll(List.of(args));
    HeadlessProcess p = new HeadlessProcess(name, a);
    peers.add(p);
    p.await("logged-in", TIMEOUT);
    return p;
  }

  /** Signs in through the sign-in screen as {@code name}. */
  void signIn(String name) {
    clickOn("#name").write(name);
    clickOn("#server").write("127.0.0.1:" + server.port());
    clickOn("#signIn");
    waitUntil("signed in", () -> window.model().screenProperty().get() == PhoneModel.Screen.MAIN);
  }

  static <T> T fx(Callable<T> what) {
    return HeadlessFx.fx(what);
  }

  static void waitUntil(String what, Callable<Boolean> condition) {
    HeadlessFx.waitUntil(what, condition);
  }

  /** A tick box (#relayOnly) or a toggle button (#audio, #video) that is on. */
  boolean checked(String query) {
    return fx(() -> {
      Node n = lookup(query).query();
      return n instanceof javafx.scene.control.ToggleButton t ? t.isSelected()
          : ((javafx.scene.control.CheckBox) n).isSelected();
    });
  }

  /** Opens the settings panel, where the device dropdowns, quality and relay choice are. */
  void showSettings() {
    HeadlessFx.showSettings(this, window);
  }

  boolean visible(String query) {
    return fx(() -> {
      Node n = lookup(query).query();
      return n != null && n.isVisible();
    });
  }
}
