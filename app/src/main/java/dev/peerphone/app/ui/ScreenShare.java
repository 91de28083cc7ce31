package dev.peerphone.app.ui;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Share screen" / "Stop sharing": sends a screen instead of the camera in every call, without
 * renegotiation (the engine swaps the video track's source). Whether a screen is shared and which
 * one are read-only properties; failures (no display) and a capture that stops by itself end in
 * the notice line.
 *
 * <p>Threading: properties and commands on the FX thread; the phone is used on the model's
 * engine worker (through {@code engine}); results come back through {@code fx}.
 */
public final class ScreenShare {
  private final Consumer<Consumer<Phone>> engine;
  private final Consumer<String> notice;
  private final Executor fx;
  private final ReadOnlyBooleanWrapper sharing = new ReadOnlyBooleanWrapper();
  private final ReadOnlyStringWrapper screen = new ReadOnlyStringWrapper("");

  ScreenShare(Consumer<Consumer<Phone>> engine, Consumer<String> notice, Executor fx) {
    this.engine = engine;
    this.notice = notice;
    this.fx = fx;
  }

  public ReadOnlyBooleanProperty sharingProperty() { return sharing.getReadOnlyProperty(); }
  /** The shared screen's name ("Screen 1 (1920x1080)"), or "". */
  public ReadOnlyStringProperty screenProperty() { return screen.getReadOnlyProperty(); }

  /** Shares the first screen, or stops sharing. */
  public void toggle() {
    if (sharing.get()) {
      stop();
    } else {
      share(null);
    }
  }

  /** Shares {@code name} (null: the first screen). */
  public void share(String name) {
    sharing.set(true); // at once, so a second click means stop
    engine.accept(p -> {
      try {
        String shared = p.shareScreen(name);
        fx.execute(() -> {
          screen.set(shared);
          notice.accept("Sharing " + shared + ". Everyone in your calls sees it instead of your camera.");
        });
      } catch (RuntimeException e) {
        fx.execute(() -> {
          sharing.set(false);
          notice.accept("Cannot share the screen: " + e.getMessage());
        });
      }
    });
  }

  public void stop() {
    sharing.set(false);
    screen.set("");
    engine.accept(Phone::stopSharing);
  }

  /** Worker thread: a newly signed-in phone (which shares nothing yet); sharing ended by the engine shows here. */
  void attach(Phone p) {
    fx.execute(() -> {
      sharing.set(false);
      screen.set("");
    });
    p.setOnSharingEnded(reason -> fx.execute(() -> {
      sharing.set(false);
      screen.set("");
      notice.accept(reason);
    }));
  }
}
