package dev.peerphone.app.ui;

import dev.peerphone.app.ConfigFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --bench-stats FILE}: once a second the counters of every video tile, replacing FILE
 * whole (a reader never sees half a file), for bench/grid/run.sh. One line per tile:
 * <pre>
 * at 1732790000123
 * tile s1 received 612 shown 598 dropped 14 renderMs 231.4
 * local received 610 shown 305 dropped 305 renderMs 99.0
 * </pre>
 * {@code received}: frames the engine handed to the tile's slot; {@code shown}: frames drawn;
 * {@code dropped}: frames replaced by a newer one before a pulse drew them; {@code renderMs}:
 * FX-thread time spent drawing. All counters only grow; a reader takes differences.
 *
 * <p>Threading: the counters are read on the FX thread; the file is written on a pool thread.
 */
final class BenchStats {
  private static final Logger log = LoggerFactory.getLogger(BenchStats.class);

  private BenchStats() {}

  /** Starts writing {@code file} every second from {@code window}'s tiles; stop the timeline to end. */
  static Timeline start(DesktopWindow window, Path file) {
    Timeline t = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
      String text = snapshot(window);
      CompletableFuture.runAsync(() -> {
        try {
          ConfigFiles.replace(file, text);
        } catch (IOException ex) {
          log.warn("bench stats {}: {}", file, ex.toString());
        }
      });
    }));
    t.setCycleCount(Animation.INDEFINITE);
    t.play();
    return t;
  }

  /** FX thread: the counters now. */
  static String snapshot(DesktopWindow window) {
    StringBuilder b = new StringBuilder("at ").append(System.currentTimeMillis()).append('\n');
    MainView main = window.main();
    if (main != null) {
      for (String peer : window.model().remotePeers()) {
        VideoRenderer r = main.video().remote(peer);
        if (r != null) {
          b.append(line("tile " + peer, r));
        }
      }
      b.append(line("local", main.video().local()));
    }
    return b.toString();
  }

  private static String line(String what, VideoRenderer r) {
    return String.format(java.util.Locale.ROOT, "%s received %d shown %d dropped %d renderMs %.1f%n", what,
        r.slot().received(), r.shown(), r.slot().dropped(), r.renderNanos() / 1e6);
  }
}
