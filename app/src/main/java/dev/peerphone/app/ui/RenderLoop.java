package dev.peerphone.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * Polls the visible {@link VideoRenderer}s once per JavaFX pulse. Polling (instead of one
 * {@code Platform.runLater} per frame) costs no allocation per frame and naturally drops frames
 * the screen cannot show: each pulse draws only the newest one.
 *
 * <p>Leaders (remote videos) are drawn as soon as a frame is there. Followers (the local preview)
 * are drawn only in pulses where a leader drew, or on their own once no leader has drawn for
 * {@link #LEAD_IDLE_NANOS}. Two unsynchronised 30 fps streams would otherwise make up to 60
 * repaints a second, and every repaint costs the software pipeline a full pass over the dirty
 * area (the preview sits over the remote video) and a copy of the whole window to the screen;
 * following halves that at the price of the preview lagging up to one remote frame.
 *
 * <p>Threading: FX thread only.
 */
public final class RenderLoop extends AnimationTimer {
  /** After this long without a leader frame, followers draw at their own pace. */
  public static final long LEAD_IDLE_NANOS = 100_000_000L;

  private final List<VideoRenderer> leaders = new ArrayList<>();
  private final List<VideoRenderer> followers = new ArrayList<>();
  private boolean led;
  private long lastLead;

  /** Adds a renderer drawn as soon as it has a frame (a remote video). */
  public void add(VideoRenderer r) {
    leaders.add(r);
  }

  /** Adds a renderer drawn together with the leaders (the local preview). */
  public void addFollower(VideoRenderer r) {
    followers.add(r);
  }

  public void remove(VideoRenderer r) {
    leaders.remove(r);
    followers.remove(r);
  }

  /** A snapshot of the renderers, leaders first (for stats and tests). */
  public List<VideoRenderer> renderers() {
    List<VideoRenderer> all = new ArrayList<>(leaders);
    all.addAll(followers);
    return all;
  }

  @Override
  public void handle(long now) {
    boolean drew = false;
    for (int i = 0; i < leaders.size(); i++) {
      drew |= leaders.get(i).render();
    }
    if (drew) {
      led = true;
      lastLead = now;
    }
    if (drew || !led || now - lastLead >= LEAD_IDLE_NANOS) {
      for (int i = 0; i < followers.size(); i++) {
        followers.get(i).render();
      }
    }
  }
}
