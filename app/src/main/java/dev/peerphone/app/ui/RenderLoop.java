package dev.peerphone.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Polls every visible {@link VideoRenderer} once per JavaFX pulse. Polling (instead of one
 * {@code Platform.runLater} per frame) costs no allocation per frame and naturally drops frames
 * the screen cannot show: each pulse draws only the newest one.
 *
 * <p>Threading: FX thread only.
 */
public final class RenderLoop extends AnimationTimer {
  private final List<VideoRenderer> renderers = new ArrayList<>();

  public void add(VideoRenderer r) {
    renderers.add(r);
  }

  public void remove(VideoRenderer r) {
    renderers.remove(r);
  }

  /** A snapshot of the renderers (for stats and tests). */
  public List<VideoRenderer> renderers() {
    return List.copyOf(renderers);
  }

  @Override
  public void handle(long now) {
    for (int i = 0; i < renderers.size(); i++) {
      renderers.get(i).render();
    }
  }
}
