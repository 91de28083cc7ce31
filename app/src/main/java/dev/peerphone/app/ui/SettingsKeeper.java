package dev.peerphone.app.ui;

import dev.peerphone.app.rtc.DeviceList;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.RtcEngine;
import dev.peerphone.app.rtc.VideoQuality;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What the settings file means to the app: the media to start with (saved devices that are still
 * there, unless the command line names others), the sign-in fields to offer, the relay choice and
 * the window's place; and, while the app runs, every choice the user makes and each successful
 * sign-in written back. Command-line options win over saved settings and are not saved unless
 * the user then signs in with them.
 *
 * <p>Threading: {@link #media} anywhere; the rest on the FX thread.
 */
final class SettingsKeeper {
  private SettingsKeeper() {}

  /**
   * The media to start with: {@code --synthetic} as before; otherwise each device the command line
   * does not name is the saved one if the machine still has it (else the default, with a notice
   * added to {@code notices}). The video quality is the command line's, else the saved one.
   */
  static MediaConfig media(DesktopOptions o, Settings s, Supplier<DeviceList> devices, List<String> notices) {
    VideoQuality video = o.video() != null ? o.video() : s.video() == null ? null : VideoQuality.parse(s.video());
    if (o.syntheticMedia()) {
      return new MediaConfig(RtcEngine.TEST_PATTERN_640, true, null, null, video);
    }
    String camera = o.camera();
    String mic = o.mic();
    String speaker = o.speaker();
    boolean wantSaved = (camera == null && s.camera() != null) || (mic == null && s.microphone() != null)
        || (speaker == null && s.speaker() != null);
    if (wantSaved) {
      DeviceList list = devices.get();
      List<String> gone = new ArrayList<>();
      if (camera == null && s.camera() != null) {
        camera = present(() -> list.check(s.camera(), null, null), s.camera(), "camera", gone);
      }
      if (mic == null && s.microphone() != null) {
        mic = present(() -> list.check(null, s.microphone(), null), s.microphone(), "microphone", gone);
      }
      if (speaker == null && s.speaker() != null) {
        speaker = present(() -> list.check(null, null, s.speaker()), s.speaker(), "speaker", gone);
      }
      if (!gone.isEmpty()) {
        notices.add("Not found: the " + String.join(", the ", gone) + " you used last time. Using the default.");
      }
    }
    return new MediaConfig(camera, false, mic, speaker, video);
  }

  private static String present(Runnable check, String name, String kind, List<String> gone) {
    try {
      check.run();
      return name;
    } catch (IllegalArgumentException e) {
      gone.add(kind + " \"" + name + "\"");
      return null;
    }
  }

  /** The name to offer: the command line's, else the last sign-in's. */
  static String name(DesktopOptions o, Settings s) {
    return !o.name().isEmpty() ? o.name() : s.name() == null ? "" : s.name();
  }

  /** The server text to offer: the command line's, else the last sign-in's. */
  static String server(DesktopOptions o, Settings s) {
    return o.server() != null ? o.server() : s.server() == null ? "" : s.server();
  }

  /**
   * Puts the saved relay and several-calls choices and window bounds into effect (before the stage is shown), then
   * keeps the file up to date: each choice at once, the sign-in once it succeeded, the window's
   * bounds when it closes ({@link #saveWindow}).
   */
  static void attach(Stage stage, PhoneModel model, SettingsFile file) {
    Settings s = file.current();
    if (Boolean.TRUE.equals(s.relayOnly())) {
      model.setRelayOnly(true);
    }
    if (Boolean.TRUE.equals(s.multiCall())) {
      model.tiles().apply(true);
    }
    if (s.window() != null) {
      place(stage, s.window());
    }
    model.onChoice((key, value) -> file.update(old -> old.withChoice(key, value)));
    model.screenProperty().addListener((o, a, b) -> {
      if (b == PhoneModel.Screen.MAIN) {
        file.update(old -> old.withSignIn(model.myNameProperty().get(), model.signedInServer()));
      }
    });
    file.onProblem(text -> javafx.application.Platform.runLater(() -> model.noticeWrapper().set(text)));
  }

  /** The saved size always; the saved place only if it is still on one of the screens. */
  private static void place(Stage stage, Settings.Window w) {
    stage.setWidth(w.width());
    stage.setHeight(w.height());
    Rectangle2D titleBar = new Rectangle2D(w.x() + 40, w.y(), Math.max(1, w.width() - 80), 30);
    if (!Screen.getScreensForRectangle(titleBar).isEmpty()) {
      stage.setX(w.x());
      stage.setY(w.y());
    }
    stage.setMaximized(w.maximized());
  }

  /** The window's bounds now (a maximized window keeps the bounds it had before). */
  static void saveWindow(Stage stage, SettingsFile file) {
    if (stage.isMaximized()) {
      file.update(old -> old.withWindow(old.window() == null ? null : new Settings.Window(old.window().x(),
          old.window().y(), old.window().width(), old.window().height(), true)));
      return;
    }
    Settings.Window w = new Settings.Window(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
    if (SettingsFile.sane(w)) {
      file.update(old -> old.withWindow(w));
    }
  }
}
