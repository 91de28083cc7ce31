package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import dev.onvoid.webrtc.media.video.VideoTrackSource;
import java.awt.Rectangle;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One screen as a video input: AWT {@code Robot} screen captures, converted to I420 by libyuv
 * (webrtc-java's {@link VideoBufferConverter}), scaled down by libyuv when larger than
 * {@value #MAX_WIDTH}x{@value #MAX_HEIGHT}, pushed through a {@link CustomVideoSource} at most
 * {@value #MAX_FPS} times a second. webrtc-java 0.14.0's own desktop capture crashes on Linux
 * (see the notes, §7), so it is not used.
 *
 * <p>Threading: {@link #start}/{@link #stop}/{@link #dispose} on the call executor; one daemon
 * capture thread per started source, joined by {@link #stop}. A capture that fails (display gone)
 * ends the thread and calls {@code onFailure} with the reason, on the capture thread.
 */
final class ScreenSource implements VideoInput {
  private static final Logger log = LoggerFactory.getLogger(ScreenSource.class);
  static final int MAX_FPS = 15;
  static final int MAX_WIDTH = 1920;
  static final int MAX_HEIGHT = 1080;

  private final Screens.Screen screen;
  private final ScreenGrabber grabber;
  private final VideoQuality quality;
  private final Consumer<String> onFailure;
  private final CustomVideoSource source;
  private final FrameThread capturer;
  /** Frames pushed so far (written by the capture thread only). */
  private volatile long pushed;

  /** {@code fps} is capped at {@value #MAX_FPS}. Throws {@link IllegalStateException} without a display. */
  ScreenSource(Screens.Screen screen, int fps, Consumer<String> onFailure) {
    this.screen = screen;
    this.grabber = new ScreenGrabber(screen.bounds(), screen.device());
    Rectangle b = grabber.area();
    int[] out = fit(b.width, b.height, MAX_WIDTH, MAX_HEIGHT);
    this.quality = new VideoQuality(out[0], out[1], Math.max(1, Math.min(fps, MAX_FPS)));
    this.onFailure = onFailure;
    this.capturer = new FrameThread("screen-capture-" + screen.index(), quality.fps(), 3000);
    this.source = new CustomVideoSource(); // last: nothing native leaks when there is no display
  }

  /**
   * The size a {@code w}x{@code h} capture is sent at: unchanged when it fits in
   * {@code maxW}x{@code maxH}, else scaled down keeping its aspect; both sides even. Pure.
   */
  static int[] fit(int w, int h, int maxW, int maxH) {
    double scale = Math.min(1.0, Math.min((double) maxW / w, (double) maxH / h));
    int ow = Math.max(2, (int) Math.round(w * scale) & ~1);
    int oh = Math.max(2, (int) Math.round(h * scale) & ~1);
    return new int[] {ow, oh};
  }

  @Override
  public String name() {
    return screen.name();
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
    capturer.start(this::run);
  }

  @Override
  public void stop() {
    capturer.stop();
  }

  /** Frames pushed since start (for the benchmark); any thread. */
  long framesPushed() {
    return pushed;
  }

  @Override
  public void dispose() {
    stop();
    source.dispose();
  }

  private void run() {
    Rectangle area = grabber.area();
    NativeI420Buffer full = NativeI420Buffer.allocate(area.width, area.height);
    boolean scale = area.width != quality.width() || area.height != quality.height();
    try {
      while (capturer.running()) {
        VideoBufferConverter.convertToI420(grabber.grab(), full, FourCC.ARGB);
        if (scale) {
          VideoFrameBuffer scaled = full.cropAndScale(0, 0, area.width, area.height, quality.width(), quality.height());
          try {
            source.pushFrame(new VideoFrame(scaled, System.nanoTime()));
          } finally {
            scaled.release();
          }
        } else {
          source.pushFrame(new VideoFrame(full, System.nanoTime())); // the source takes its own reference
        }
        pushed = pushed + 1; // single writer
        capturer.pace();
      }
    } catch (Throwable t) {
      log.error("screen capture of {} stopped", screen.name(), t);
      if (capturer.running()) {
        try {
          onFailure.accept("Screen capture stopped: " + t);
        } catch (Throwable ignored) {
          // nothing more to tell
        }
      }
    } finally {
      full.release();
    }
  }
}
