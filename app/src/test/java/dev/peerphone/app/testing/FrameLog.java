package dev.peerphone.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

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
 * A {@link FrameTap} that notes the size and arrival time of every frame from one source (a
 * peer's name, or {@link FrameTap#LOCAL}); tests wait for a frame or measure over a window.
 *
 * <p>Threading: {@link #onFrame} runs on libwebrtc's decoder thread: it only queues a record
 * and never throws; the rest is for the test thread.
 */
public final class FrameLog implements FrameTap {
  /** One received frame. */
  public record Frame(int width, int height, long nanos) {
    public long pixels() {
      return (long) width * height;
    }

    public double aspect() {
      return (double) width / height;
    }

    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  /** What a window of frames showed. */
  public record Window(List<Frame> frames, Duration length) {
    public double fps() {
      return frames.size() * 1e9 / length.toNanos();
    }

    /** The largest frame by area, or null for an empty window. */
    public Frame largest() {
      return frames.stream().max(java.util.Comparator.comparingLong(Frame::pixels)).orElse(null);
    }

    public List<String> sizes() {
      return frames.stream().map(Frame::toString).distinct().toList();
    }

    @Override
    public String toString() {
      return String.format("%d frames in %d ms (%.1f fps), sizes %s", frames.size(), length.toMillis(), fps(), sizes());
    }
  }

  private final String source;
  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final List<Frame> seen = new ArrayList<>();

  public FrameLog(String source) {
    this.source = source;
  }

  @Override
  public void onFrame(String from, VideoFrame frame) {
    try {
      if (source.equals(from)) {
        frames.add(new Frame(frame.buffer.getWidth(), frame.buffer.getHeight(), System.nanoTime()));
      }
    } catch (Throwable t) {
      // Never into native code.
    }
  }

  /** Waits for the next frame matching {@code filter}, skipping others. */
  public Frame await(Predicate<Frame> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Frame f = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
        if (f == null) {
          int from = Math.max(0, seen.size() - 200);
          fail(source + ": no matching frame within " + timeout + "; last sizes "
              + seen.subList(from, seen.size()).stream().map(Frame::toString).distinct().toList());
        }
        seen.add(f);
        if (filter.test(f)) {
          return f;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Collects every frame arriving from now for {@code length}: a measurement, not a wait. */
  public Window measure(Duration length) {
    frames.drainTo(seen);
    List<Frame> got = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    try {
      long left;
      while ((left = end - System.nanoTime()) > 0) {
        Frame f = frames.poll(left, TimeUnit.NANOSECONDS);
        if (f != null) {
          got.add(f);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    seen.addAll(got);
    return new Window(got, Duration.ofNanos(System.nanoTime() - start));
  }
}
