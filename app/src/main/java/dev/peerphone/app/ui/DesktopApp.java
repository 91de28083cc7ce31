package dev.peerphone.app.ui;

import dev.peerphone.app.call.UserStatus;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.rtc.DeviceList;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: one {@link DesktopWindow} on the real engine. Started by
 * {@link DesktopLauncher} (a main class that does not extend Application, so JavaFX works from
 * the plain classpath). With {@code --call}/{@code --screenshot} it runs a scripted call.
 */
public final class DesktopApp extends Application {
  private static final Logger log = LoggerFactory.getLogger(DesktopApp.class);
  private DesktopWindow window;

  @Override
  public void start(Stage stage) {
    ErrorDialog.install();
    DesktopOptions o = DesktopOptions.parse(getParameters().getRaw().toArray(String[]::new));
    SettingsFile settings = o.settings();
    SettingsFile.Loaded saved = settings.load();
    List<String> notices = new ArrayList<>();
    if (!saved.notice().isEmpty()) {
      notices.add(saved.notice());
    }
    MediaConfig media = SettingsKeeper.media(o, saved.settings(), DeviceList::read, notices);
    ClientBackend backend = new ClientBackend(media, o.embeddedServer(), ServerTrust.standard());
    o.pinTrusted(backend.trust());
    window = new DesktopWindow(stage, backend, o, settings);
    window.model().noticeWrapper().set(String.join(" ", notices));
    stage.setOnHidden(e -> Platform.exit());
    stage.show();
    PhoneModel m = window.model();
    if (o.autoSignIn()) {
      m.signIn(o.name(), o.server());
    }
    // The embedded server's address and certificate, for whoever starts the app from a terminal
    // (or a script that then points a peer at it: packaging/test-package.sh).
    m.joinInfoProperty().addListener((obs, a, b) -> {
      if (!b.isEmpty()) {
        System.out.println(b);
      }
    });
    if (o.benchStats() != null) {
      BenchStats.start(window, o.benchStats());
    }
    o.calls().forEach(peer -> callOnceOnline(m, peer));
    if (o.call() != null) {
      m.phaseProperty().addListener((obs, a, b) -> {
        if (b == CallPhase.CONNECTED) {
          o.say().forEach(m::sendChat);
        }
      });
    }
    if (o.screenshot() != null) {
      scriptScreenshot(o);
    }
  }

  /**
   * Rings {@code peer} once signed in and {@code peer} is listed online (at once when it already
   * is), so a script may start the peer after the app, e.g. on the app's embedded server.
   */
  private static void callOnceOnline(PhoneModel m, String peer) {
    boolean[] placed = {false};
    Runnable tryCall = () -> {
      boolean online = m.users().stream().anyMatch(u -> u.name().equalsIgnoreCase(peer));
      if (!placed[0] && m.screenProperty().get() == PhoneModel.Screen.MAIN && online) {
        placed[0] = true;
        m.call(peer);
      }
    };
    m.screenProperty().addListener((obs, a, b) -> tryCall.run());
    m.users().addListener((javafx.collections.ListChangeListener<UserStatus>) c -> tryCall.run());
  }

  /** Polls until the remote video has run {@code measureSeconds}, then saves the window and exits. */
  private void scriptScreenshot(DesktopOptions o) {
    long[] firstShown = {-1};
    Timeline poll = new Timeline();
    poll.getKeyFrames().add(new KeyFrame(Duration.millis(250), e -> {
      VideoRenderer r = window.main() == null || o.call() == null ? null : window.main().video().remote(o.call());
      if (r == null || r.shown() == 0) {
        return;
      }
      long now = System.nanoTime();
      if (firstShown[0] < 0) {
        firstShown[0] = now;
      } else if (now - firstShown[0] >= o.measureSeconds() * 1_000_000_000L) {
        poll.stop();
        try {
          Screenshot.save(window.stage().getScene(), o.screenshot());
          System.out.println("remote " + Screenshot.stats(r));
          System.out.println("local  " + Screenshot.stats(window.main().video().local()));
          System.out.println("saved " + o.screenshot());
        } catch (Exception ex) {
          log.error("screenshot", ex);
        }
        window.shutdown().thenRun(() -> Platform.runLater(Platform::exit));
      }
    }));
    poll.setCycleCount(Animation.INDEFINITE);
    poll.play();
  }

  @Override
  public void stop() {
    if (window != null) {
      try {
        window.shutdown().get(15, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("shutdown: {}", e.toString());
      }
    }
  }
}
