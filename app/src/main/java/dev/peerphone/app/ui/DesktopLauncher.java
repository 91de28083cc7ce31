package dev.peerphone.app.ui;

import javafx.application.Application;

/**
 * {@code ./peerphone} without arguments: starts the desktop app. A separate class because a main
 * class that extends {@code Application} refuses to start with JavaFX on the classpath.
 */
public final class DesktopLauncher {
  private DesktopLauncher() {}

  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains("--help")) {
      System.out.print(DesktopOptions.USAGE);
      return;
    }
    try {
      DesktopOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(DesktopOptions.USAGE);
      System.exit(2);
    }
    Application.launch(DesktopApp.class, args);
    // libwebrtc leaves native threads behind; the window is closed and the engine shut down.
    System.exit(0);
  }
}
