package dev.peerphone.app.ui;

import dev.onvoid.webrtc.media.video.VideoFrame;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The newest undrawn frame of one video source, nothing more: when the UI falls behind, an older
 * frame is released and counted as dropped, never queued. No allocation per frame.
 *
 * <p>Threading: {@link #offer} on libwebrtc threads (never blocks, never throws); {@link #take}
 * on the FX thread. The slot owns one reference to the frame it holds.
 */
public final class FrameSlot {
  private final AtomicReference<VideoFrame> newest = new AtomicReference<>();
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /** Keeps {@code frame} (retaining it) in place of any undrawn one, which is released. */
  public void offer(VideoFrame frame) {
    frame.retain();
    received.incrementAndGet();
    VideoFrame old = newest.getAndSet(frame);
    if (old != null) {
      dropped.incrementAndGet();
      old.release();
    }
  }

  /** The newest frame, now owned by the caller (release it), or null. */
  public VideoFrame take() {
    return newest.getAndSet(null);
  }

  /** Releases an undrawn frame (the source went away). */
  public void clear() {
    VideoFrame old = newest.getAndSet(null);
    if (old != null) {
      old.release();
    }
  }

  public long received() {
    return received.get();
  }

  public long dropped() {
    return dropped.get();
  }
}
