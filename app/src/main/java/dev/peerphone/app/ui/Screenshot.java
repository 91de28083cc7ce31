package dev.peerphone.app.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Saves a scene as PNG (JavaFX snapshot, so it works under Xvfb and Monocle alike) and formats
 * the render statistics of a live call.
 *
 * <p>Threading: FX thread.
 */
public final class Screenshot {
  private Screenshot() {}

  public static void save(Scene scene, Path file) throws IOException {
    WritableImage img = scene.snapshot(null);
    int w = (int) img.getWidth();
    int h = (int) img.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    PixelReader r = img.getPixelReader();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, r.getArgb(x, y));
      }
    }
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    ImageIO.write(out, "png", file.toFile());
  }

  /** "received 300, shown 291, dropped 9, FX thread 0.41 ms/frame" for one renderer. */
  public static String stats(VideoRenderer r) {
    long shown = r.shown();
    double ms = shown == 0 ? 0 : r.renderNanos() / 1e6 / shown;
    return String.format(Locale.ROOT, "received %d, shown %d, dropped %d, FX thread %.3f ms/frame",
        r.slot().received(), shown, r.slot().dropped(), ms);
  }
}
