package dev.peerphone.app.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an unexpected exception ends up: logged, and shown in a dialog with the stack
 * trace (one dialog at a time, so an error in a render loop cannot open hundreds).
 */
public final class ErrorDialog {
  private static final Logger log = LoggerFactory.getLogger(ErrorDialog.class);
  private static boolean showing;

  private ErrorDialog() {}

  /** Installs the default uncaught-exception handler for every thread. */
  public static void install() {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      log.error("uncaught on {}", t.getName(), e);
      if (!Boolean.getBoolean("testfx.headless")) {
        Platform.runLater(() -> show(e));
      }
    });
  }

  private static void show(Throwable e) {
    if (showing) {
      return;
    }
    showing = true;
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    Alert a = new Alert(Alert.AlertType.ERROR, String.valueOf(e.getMessage()));
    a.setHeaderText("Something went wrong");
    TextArea details = new TextArea(trace.toString());
    details.setEditable(false);
    a.getDialogPane().setExpandableContent(details);
    a.setOnHidden(ev -> showing = false);
    a.show();
  }
}
