package dev.peerphone.app.ui;

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
    if (o.call() != null) {
      m.screenProperty().addListener((obs, a, b) -> m.call(o.call()));
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
