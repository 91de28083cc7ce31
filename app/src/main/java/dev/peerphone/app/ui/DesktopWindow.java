package dev.peerphone.app.ui;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Puts the app into a {@link Stage}: model, renderer hub and render loop, the two screens, the
 * colours ({@link Theme}: {@code --theme}, else the one chosen in the settings panel and saved,
 * else the system's), keyboard shortcuts (Ctrl+M mute, Ctrl+E camera, Ctrl+S share screen, Ctrl+H
 * hang up, Ctrl+N next; Ctrl+U, Ctrl+T and Ctrl+, show or hide the users, chat and settings
 * panels; Ctrl+I the call statistics), the title, the
 * once-a-second tick and the 5-a-second "who is speaking" poll, the settings that stay
 * ({@link SettingsKeeper}), and a clean hang-up when the window closes. Used by the app and by the UI tests.
 *
 * <p>Threading: construct and use on the FX thread.
 */
public final class DesktopWindow {
  /** How long the window waits for the desktop to say whether it is dark before showing light. */
  private static final long FIRST_ANSWER_MILLIS = 400;
  private final Stage stage;
  private final PhoneModel model;
  private final FrameHub hub = new FrameHub();
  private final RenderLoop loop = new RenderLoop();
  private final ExecutorService worker;
  private final Timeline ticker;
  private final Timeline levels;
  private final SettingsFile settings;
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
  private MainView main;
  private CompletableFuture<Void> closed;

  /** A window that remembers nothing (tests): no settings file. */
  public DesktopWindow(Stage stage, Backend backend, DesktopOptions options) {
    this(stage, backend, options, SettingsFile.none());
  }

  /**
   * A window that offers what {@code settings} (already {@linkplain SettingsFile#load loaded})
   * remembers and keeps it up to date; call before {@code stage.show()}.
   */
  public DesktopWindow(Stage stage, Backend backend, DesktopOptions options, SettingsFile settings) {
    this.stage = stage;
    this.settings = settings;
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ui-engine");
      t.setDaemon(true);
      return t;
    });
    this.model = new PhoneModel(backend, Platform::runLater, worker, Clock.systemDefaultZone(), hub);
    Settings saved = settings.current();
    StackPane root = new StackPane(new SignInView(model, SettingsKeeper.name(options, saved),
        SettingsKeeper.server(options, saved)));
    model.screenProperty().addListener((o, a, b) -> {
      if (b == PhoneModel.Screen.MAIN && main == null) {
        main = new MainView(model, hub, loop, theme);
        root.getChildren().setAll(main);
      }
    });
    Scene scene = new Scene(root, 1200, 760);
    shortcut(scene, KeyCode.M, () -> model.setAudioOn(!model.audioOnProperty().get()));
    shortcut(scene, KeyCode.E, () -> model.setVideoOn(!model.videoOnProperty().get()));
    shortcut(scene, KeyCode.H, model::hangUp);
    shortcut(scene, KeyCode.S, () -> model.screenShare().toggle());
    shortcut(scene, KeyCode.N, model::nextStranger);
    shortcut(scene, KeyCode.U, () -> panel(Panels::users));
    shortcut(scene, KeyCode.T, () -> panel(Panels::chat));
    shortcut(scene, KeyCode.COMMA, () -> panel(Panels::settings));
    shortcut(scene, KeyCode.I, model::toggleStats);
    useTheme(scene, options, saved);
    stage.setScene(scene);
    model.untrustedServerProperty().addListener((o, a, b) -> {
      if (b != null) {
        TrustDialog.show(stage, b, model);
      }
    });
    stage.titleProperty().bind(model.titleProperty());
    SettingsKeeper.attach(stage, model, settings);
    if (options.multiCall()) {
      model.tiles().apply(true); // for this run; the settings keep the user's own choice
    }
    ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.tick()));
    ticker.setCycleCount(Animation.INDEFINITE);
    ticker.play();
    levels = new Timeline(new KeyFrame(Duration.millis(200), e -> model.audio().pollLevels()));
    levels.setCycleCount(Animation.INDEFINITE);
    levels.play();
    loop.start();
    stage.setOnCloseRequest(e -> {
      e.consume(); // hang up first, then close
      shutdown().thenRun(() -> Platform.runLater(stage::hide));
    });
  }

  /**
   * A filter, not a scene accelerator: accelerators run only when the focused control leaves the
   * key alone, and a text field takes Ctrl+H (delete previous character on Linux and Windows), so
   * Ctrl+H typed in the chat box did not hang up.
   */
  private static void shortcut(Scene scene, KeyCode key, Runnable action) {
    KeyCombination combo = new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
      if (combo.match(e)) {
        e.consume();
        action.run();
      }
    });
  }

  private void panel(java.util.function.Function<Panels, BooleanProperty> which) {
    if (main != null) {
      Panels.toggle(which.apply(main.panels()));
    }
  }

  /**
   * The first colours: for {@link Theme#SYSTEM} the desktop's answer if it comes within
   * {@link #FIRST_ANSWER_MILLIS} (no light flash before dark), else light until it comes. Each
   * choice in the settings panel applies at once and is saved.
   */
  private void useTheme(Scene scene, DesktopOptions options, Settings saved) {
    Theme first = options.theme() != null ? options.theme()
        : saved.theme() != null ? Theme.parse(saved.theme()) : Theme.SYSTEM;
    theme.set(first);
    show(scene, first, FIRST_ANSWER_MILLIS);
    theme.addListener((o, was, now) -> {
      settings.update(old -> old.withChoice("theme", now.text()));
      show(scene, now, FIRST_ANSWER_MILLIS);
    });
  }

  private void show(Scene scene, Theme t, long waitMillis) {
    CompletableFuture<Boolean> dark = t.dark();
    try {
      Theme.apply(dark.get(waitMillis, TimeUnit.MILLISECONDS), scene);
      return;
    } catch (Exception e) {
      Theme.apply(false, scene);
    }
    dark.thenAccept(d -> Platform.runLater(() -> {
      if (theme.get() == t) {
        Theme.apply(d, scene);
      }
    }));
  }

  /** The colours in use: what {@code --theme}, the settings or the user chose. */
  public ObjectProperty<Theme> theme() {
    return theme;
  }

  public PhoneModel model() {
    return model;
  }

  public Stage stage() {
    return stage;
  }

  /** The signed-in view, or null before sign-in. */
  public MainView main() {
    return main;
  }

  public RenderLoop renderLoop() {
    return loop;
  }

  /** Hangs up, disconnects, releases frames; completes when the engine is closed. */
  public CompletableFuture<Void> shutdown() {
    if (closed != null) {
      return closed;
    }
    SettingsKeeper.saveWindow(stage, settings);
    ticker.stop();
    levels.stop();
    loop.stop();
    closed = model.close().whenComplete((v, e) -> {
      hub.clear();
      worker.shutdown();
      settings.flush(2000);
    });
    return closed;
  }
}
