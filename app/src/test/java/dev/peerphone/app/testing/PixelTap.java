package dev.peerphone.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.onvoid.webrtc.media.video.I420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.peerphone.app.rtc.FrameTap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link FrameTap} that reads the Y, U and V values at two points of every decoded frame from one
 * source: a quarter and three quarters across, half-way down. Tests wait for a frame whose
 * colours match. Threading: {@link #onFrame} runs on libwebrtc's decoder thread, copies three
 * bytes per point, never throws.
 */
public final class PixelTap implements FrameTap {
  /** One point's colour. */
  public record Yuv(int y, int u, int v) {
    @Override
    public String toString() {
      return "Y" + y + "/U" + u + "/V" + v;
    }
  }

  /** One frame's two points. */
  public record Sample(int width, int height, Yuv left, Yuv right) {
    @Override
    public String toString() {
      return width + "x" + height + " left " + left + " right " + right;
    }
  }

  private final String source;
  private final BlockingQueue<Sample> samples = new LinkedBlockingQueue<>();
  private final List<Sample> seen = new ArrayList<>();

  public PixelTap(String source) {
    this.source = source;
  }

  @Override
  public void onFrame(String from, VideoFrame frame) {
    if (!source.equals(from)) {
      return;
    }
    I420Buffer converted = null;
    try {
      I420Buffer b = frame.buffer instanceof I420Buffer i ? i : (converted = frame.buffer.toI420());
      int w = b.getWidth();
      int h = b.getHeight();
      samples.add(new Sample(w, h, at(b, w / 4, h / 2), at(b, 3 * w / 4, h / 2)));
    } catch (Throwable t) {
      // Never into native code.
    } finally {
      if (converted != null) {
        converted.release();
      }
    }
  }

  private static Yuv at(I420Buffer b, int x, int y) {
    int luma = b.getDataY().get(y * b.getStrideY() + x) & 0xff;
    int u = b.getDataU().get((y / 2) * b.getStrideU() + x / 2) & 0xff;
    int v = b.getDataV().get((y / 2) * b.getStrideV() + x / 2) & 0xff;
    return new Yuv(luma, u, v);
  }

  /** Waits for the next frame matching {@code filter}, skipping others. */
  public Sample await(Predicate<Sample> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Sample s = left <= 0 ? null : samples.poll(left, TimeUnit.NANOSECONDS);
        if (s == null) {
          int from = Math.max(0, seen.size() - 5);
          fail(source + ": no matching frame within " + timeout + "; last " + seen.subList(from, seen.size()));
        }
        seen.add(s);
        if (filter.test(s)) {
          return s;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
