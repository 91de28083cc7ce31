package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.fail;

import dev.peerphone.app.rtc.MediaConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real desktop window under TestFX on Monocle (headless, software rendering), shared by the
 * UI tests here and the browser interop tests in another package.
 */
public final class HeadlessFx {
  /** Generous: a loaded 2-core CI machine starts JVMs and libwebrtc slowly. */
  public static final Duration TIMEOUT = Duration.ofSeconds(40);

  private HeadlessFx() {
  }

  /** Call from a static initialiser: these must be set before the JavaFX toolkit starts. */
  public static void useMonocle() {
    // Monocle 17.0.10 works with JavaFX 21 on Java 17.
    System.setProperty("testfx.robot", "glass");
    System.setProperty("testfx.headless", "true");
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "t2k");
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Opens the settings side panel (devices, quality, relay, theme) the way a user does, with its
   * toggle in the call bar, unless it is open already.
   */
  public static void showSettings(org.testfx.api.FxRobot robot, DesktopWindow window) {
    if (!fx(() -> window.main().panels().settings().get())) {
      robot.clickOn("#settingsToggle");
      waitUntil("settings shown", () -> robot.lookup("#settingsPane").query().isVisible());
    }
  }

  /** Shows the real window (synthetic camera and microphone) in TestFX's primary stage. */
  public static DesktopWindow openWindow() throws TimeoutException {
    return openWindow(MediaConfig.synthetic());
  }

  /** Shows the real window with {@code media} (e.g. real audio devices) in TestFX's primary stage. */
  public static DesktopWindow openWindow(MediaConfig media) throws TimeoutException {
    return openWindow(new ClientBackend(media, 0, 0));
  }

  /** Shows the real window on {@code backend} (e.g. with its own trust file) in TestFX's primary stage. */
  public static DesktopWindow openWindow(Backend backend) throws TimeoutException {
    return openWindow(backend, SettingsFile.none());
  }

  /** Shows the real window on {@code backend} keeping {@code settings} (loaded), as the app does. */
  public static DesktopWindow openWindow(Backend backend, SettingsFile settings) throws TimeoutException {
    Stage stage = FxToolkit.registerPrimaryStage();
    DesktopWindow[] window = new DesktopWindow[1];
    FxToolkit.setupFixture(() -> {
      window[0] = new DesktopWindow(stage, backend, DesktopOptions.parse(new String[0]), settings);
      stage.show();
    });
    return window[0];
  }

  /** Hangs up and closes the engine (waiting for it), then removes the stages. */
  public static void closeWindow(DesktopWindow window) throws Exception {
    if (window != null) {
      WaitForAsyncUtils.asyncFx(window::shutdown).get(10, TimeUnit.SECONDS).get(20, TimeUnit.SECONDS);
    }
    FxToolkit.cleanupStages();
  }

  /** Evaluates {@code what} on the FX thread. */
  public static <T> T fx(Callable<T> what) {
    try {
      return WaitForAsyncUtils.asyncFx(what).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Polls {@code condition} on the FX thread until true, failing after {@link #TIMEOUT}. */
  public static void waitUntil(String what, Callable<Boolean> condition) {
    try {
      WaitForAsyncUtils.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS, () -> fx(condition));
    } catch (TimeoutException e) {
      fail("not within " + TIMEOUT + ": " + what);
    }
  }

  /** A few pixels of the last frame {@code r} drew (empty before the first); call on the FX thread. */
  public static int[] sample(VideoRenderer r) {
    if (r == null || r.view().getImage() == null) {
      return new int[0];
    }
    int w = (int) r.view().getImage().getWidth();
    int h = (int) r.view().getImage().getHeight();
    int[] px = new int[8];
    for (int i = 0; i < px.length; i++) {
      px[i] = r.pixel(w * i / px.length, i < 4 ? h / 2 : h / 10);
    }
    return px;
  }

  /** Waits until {@code peer}'s video has been drawn {@code frames} times and its pixels changed since. */
  public static void awaitRemoteVideo(DesktopWindow window, String peer, int frames) {
    try {
      waitUntil(peer + "'s video drawn " + frames + " times", () -> remote(window, peer) != null
          && remote(window, peer).shown() >= frames);
      int[] before = fx(() -> sample(remote(window, peer)));
      waitUntil(peer + "'s video pixels change", () -> !java.util.Arrays.equals(before,
          sample(remote(window, peer))));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; " + fx(() -> videoState(window, peer)), e);
    }
  }

  /** What the window knows about {@code peer}'s call and video, for failure messages. */
  public static String videoState(DesktopWindow window, String peer) {
    PhoneModel m = window.model();
    VideoRenderer r = remote(window, peer);
    return "peer=" + m.peerProperty().get() + " phase=" + m.phaseProperty().get()
        + " remotePeers=" + m.remotePeers() + " status=" + m.statusLineProperty().get()
        + (r == null ? " no renderer" : " received=" + r.slot().received() + " dropped="
            + r.slot().dropped() + " shown=" + r.shown());
  }

  private static VideoRenderer remote(DesktopWindow window, String peer) {
    return window.main() == null ? null : window.main().video().remote(peer);
  }
}
