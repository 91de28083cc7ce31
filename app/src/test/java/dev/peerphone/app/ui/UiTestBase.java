package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.fail;

import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives the real desktop window headless (TestFX on Monocle, software rendering) against the
 * real embedded server, with real headless peers in their own JVMs and real WebRTC.
 */
abstract class UiTestBase extends FxRobot {
  static {
    // Must be set before the JavaFX toolkit starts; Monocle 17.0.10 works with JavaFX 21 on Java 17.
    System.setProperty("testfx.robot", "glass");
    System.setProperty("testfx.headless", "true");
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "t2k");
    System.setProperty("java.awt.headless", "true");
  }

  /** Generous: a loaded 2-core CI machine starts JVMs and libwebrtc slowly. */
  static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(40);

  TestServer server;
  DesktopWindow window;
  final List<HeadlessProcess> peers = new ArrayList<>();

  @BeforeEach
  void openWindow() throws Exception {
    server = new TestServer();
    Stage stage = FxToolkit.registerPrimaryStage();
    FxToolkit.setupFixture(() -> {
      window = new DesktopWindow(stage, new ClientBackend(MediaConfig.synthetic(), 0, 0),
          DesktopOptions.parse(new String[0]));
      stage.show();
    });
  }

  @AfterEach
  void closeWindow() throws Exception {
    if (window != null) {
      WaitForAsyncUtils.asyncFx(window::shutdown).get(10, TimeUnit.SECONDS).get(20, TimeUnit.SECONDS);
    }
    FxToolkit.cleanupStages();
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

  /** Evaluates {@code what} on the FX thread. */
  static <T> T fx(Callable<T> what) {
    try {
      return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Polls {@code condition} on the FX thread until true, failing after {@link #TIMEOUT}. */
  static void waitUntil(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> fx(condition));
    } catch (TimeoutException e) {
      fail("not within " + TIMEOUT + ": " + what);
    }
  }

  boolean visible(String query) {
    return fx(() -> {
      Node n = lookup(query).query();
      return n != null && n.isVisible();
    });
  }
}
