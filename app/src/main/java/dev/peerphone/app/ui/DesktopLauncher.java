package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.DeviceList;
import javafx.application.Application;

/**
 * {@code ./peerphone} without arguments: starts the desktop app. A separate class because a main
 * class that extends {@code Application} refuses to start with JavaFX on the classpath.
 */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  /**
   * On Linux, JavaFX needs an X11 (or XWayland) display and otherwise dies with a stack trace;
   * say what to do instead. Monocle (headless tests) needs none.
   */
  private static boolean noDisplay() {
    boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
    boolean monocle = "Monocle".equals(System.getProperty("glass.platform"));
    String display = System.getenv("DISPLAY");
    return linux && !monocle && (display == null || display.isBlank());
  }

  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(DesktopOptions.USAGE);
      return;
    }
    try {
      DesktopOptions o = DesktopOptions.parse(args);
      if (!o.syntheticMedia() && (o.camera() != null || o.mic() != null || o.speaker() != null)) {
        DeviceList.read().check(o.camera(), o.mic(), o.speaker()); // before any window: say it and exit
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(DesktopOptions.USAGE);
      System.exit(2);
    }
    if (noDisplay()) {
      System.err.println("peerphone: no display to open the window on (DISPLAY is not set).\n"
          + "Run it on a desktop, or under a virtual display: xvfb-run -a ./peerphone\n"
          + "Without a window: ./peerphone headless --help, or ./peerphone server --help");
      System.exit(1);
    }
    Application.launch(DesktopApp.class, args);
    // libwebrtc leaves native threads behind; the window is closed and the engine shut down.
    System.exit(0);
  }
}
