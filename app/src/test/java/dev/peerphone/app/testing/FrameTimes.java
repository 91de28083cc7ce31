package dev.peerphone.app.testing;

import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.peerphone.app.rtc.FrameTap;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameTap} that notes when each decoded frame from one source arrived, so a test can
 * ask for the longest stretch without frames around an event (a node killed, Redis frozen).
 *
 * <p>Threading: {@link #onFrame} runs on libwebrtc's decoder thread: it only appends a time
 * under this object's lock and never throws; the queries are for the test thread.
 */
public final class FrameTimes implements FrameTap {
  private final String source;
  private final List<Long> arrivals = new ArrayList<>();

  public FrameTimes(String source) {
    this.source = source;
  }

  @Override
  public void onFrame(String from, VideoFrame frame) {
    try {
      if (source.equals(from)) {
        long now = System.nanoTime();
        synchronized (arrivals) {
          arrivals.add(now);
        }
      }
    } catch (Throwable t) {
      // Never into native code.
    }
  }

  /** Frames that arrived between {@code fromNanos} and {@code toNanos} ({@link System#nanoTime}). */
  public int count(long fromNanos, long toNanos) {
    synchronized (arrivals) {
      return (int) arrivals.stream().filter(t -> t >= fromNanos && t <= toNanos).count();
    }
  }

  /**
   * The longest time without a frame within {@code [fromNanos, toNanos]}, in ms, the ends
   * included: frames that stopped before {@code toNanos} count as a gap up to it.
   */
  public long longestGapMs(long fromNanos, long toNanos) {
    long previous = fromNanos;
    long longest = 0;
    synchronized (arrivals) {
      for (long t : arrivals) {
        if (t < fromNanos || t > toNanos) {
          continue;
        }
        longest = Math.max(longest, t - previous);
        previous = t;
      }
    }
    longest = Math.max(longest, toNanos - previous);
    return longest / 1_000_000;
  }

  @Override
  public String toString() {
    synchronized (arrivals) {
      return "frames from " + source + ": " + arrivals.size();
    }
  }
}
