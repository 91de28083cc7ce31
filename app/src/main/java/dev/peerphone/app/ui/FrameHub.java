package dev.peerphone.app.ui;

import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.peerphone.app.rtc.FrameTap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link FrameTap}: one {@link FrameSlot} per source (peer name, or
 * {@link FrameTap#LOCAL} for the preview). Slots are created on first use and kept, so the steady
 * state allocates nothing.
 *
 * <p>Threading: {@link #onFrame} on libwebrtc threads (never throws); {@link #slot} anywhere.
 */
public final class FrameHub implements FrameTap {
  private static final Logger log = LoggerFactory.getLogger(FrameHub.class);
  private final ConcurrentMap<String, FrameSlot> slots = new ConcurrentHashMap<>();

  @Override
  public void onFrame(String source, VideoFrame frame) {
    try {
      slot(source).offer(frame);
    } catch (Throwable t) {
      log.warn("frame from {}", source, t);
    }
  }

  public FrameSlot slot(String source) {
    FrameSlot s = slots.get(source);
    return s != null ? s : slots.computeIfAbsent(source, k -> new FrameSlot());
  }

  /** Releases every undrawn frame (at shutdown). */
  public void clear() {
    slots.values().forEach(FrameSlot::clear);
  }
}
