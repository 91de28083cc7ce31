package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrackSource;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A synthetic camera for machines without one and for tests: a moving gradient with a bar and
 * the frame counter drawn in large digits, pushed through a {@link CustomVideoSource}.
 *
 * <p>Threading: one daemon pusher thread per started source; {@link #stop} joins it, so after
 * stop returns nothing touches the native source any more (required before dispose).
 */
final class TestPatternSource implements VideoInput {
  private static final Logger log = LoggerFactory.getLogger(TestPatternSource.class);

  private final String name;
  private final VideoQuality quality;
  private final int width;
  private final int height;
  private final CustomVideoSource source = new CustomVideoSource();
  private final FrameThread pusher;

  /** Renders {@code quality}'s size and paces its frame rate. */
  TestPatternSource(String name, VideoQuality quality) {
    this.name = name;
    this.quality = quality;
    this.width = quality.width();
    this.height = quality.height();
    this.pusher = new FrameThread("test-pattern-" + width + "x" + height, quality.fps(), 2000);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public VideoTrackSource source() {
    return source;
  }

  @Override
  public VideoQuality quality() {
    return quality;
  }

  @Override
  public void start() {
    pusher.start(this::run);
  }

  @Override
  public void stop() {
    pusher.stop();
  }

  @Override
  public void dispose() {
    stop();
    source.dispose();
  }

  private void run() {
    NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
    long frame = 0;
    try {
      while (pusher.running()) {
        paint(buffer, frame++);
        // The native source takes its own reference, so one buffer serves every push.
        source.pushFrame(new VideoFrame(buffer, System.nanoTime()));
        pusher.pace();
      }
    } catch (Throwable t) {
      log.error("test pattern {} stopped", name, t);
    } finally {
      buffer.release();
    }
  }

  private void paint(NativeI420Buffer b, long frame) {
    ByteBuffer y = b.getDataY();
    int stride = b.getStrideY();
    byte[] row = new byte[width];
    int shift = (int) (frame * 4);
    int bar = (int) ((frame * 8) % width);
    for (int x = 0; x < width; x++) {
      boolean inBar = x >= bar && x < bar + width / 16;
      row[x] = (byte) (inBar ? 235 : 40 + ((x + shift) & 0x7f));
    }
    for (int r = 0; r < height; r++) {
      y.put(r * stride, row);
    }
    Digits.draw(y, stride, width, height, Long.toString(frame), Math.max(2, height / 60));
    fillPlane(b.getDataU(), b.getStrideU(), (width + 1) / 2, (height + 1) / 2, (byte) 100);
    fillPlane(b.getDataV(), b.getStrideV(), (width + 1) / 2, (height + 1) / 2, (byte) 150);
  }

  private static void fillPlane(ByteBuffer plane, int stride, int w, int h, byte value) {
    byte[] row = new byte[w];
    java.util.Arrays.fill(row, value);
    for (int r = 0; r < h; r++) {
      plane.put(r * stride, row);
    }
  }
}
