package dev.peerphone.app.ui;

import dev.onvoid.webrtc.media.FourCC;
import dev.onvoid.webrtc.media.video.VideoBufferConverter;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoFrameBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the frames of one {@link FrameSlot} into an {@link ImageView}: libyuv converts I420
 * straight into the direct buffer behind a JavaFX {@link PixelBuffer}. libyuv's ARGB FourCC
 * writes the bytes B,G,R,A, which a little-endian {@link IntBuffer} view reads as 0xAARRGGBB:
 * JavaFX's INT_ARGB_PRE (libyuv writes alpha 255, so premultiplied is the same). That is the
 * software pipeline's own texture format, so it copies the ints instead of converting every
 * pixel from BGRA bytes (the biggest Java item in its profile, docs/BENCHMARKS.md "Call setup");
 * the GPU pipeline uploads either format as it is. The view is little-endian whatever the
 * machine, so the pixels stay right where the native order differs. Buffer and image are made again only when
 * the size changes, so a steady stream allocates nothing here. Converting inside
 * {@code updateBuffer} keeps JavaFX from ever reading a half-written buffer.
 *
 * <p>Threading: FX thread only. This is the one UI class that touches webrtc-java types besides
 * the frame slot: frames must be converted where they are drawn.
 */
public final class VideoRenderer {
  private static final Logger log = LoggerFactory.getLogger(VideoRenderer.class);

  private final FrameSlot slot;
  private final ImageView view = new ImageView();
  private PixelBuffer<IntBuffer> pixels;
  private ByteBuffer bytes;
  private int width;
  private int height;
  private VideoFrameBuffer current;
  /** Draw at most this size (0: the frame's own size); see {@link #fitWithin}. */
  private int maxWidth;
  private int maxHeight;
  private long shown;
  private long renderNanos;
  private final Callback<PixelBuffer<IntBuffer>, Rectangle2D> convert = this::convert;

  public VideoRenderer(FrameSlot slot) {
    this.slot = slot;
    view.setPreserveRatio(true);
    view.setSmooth(true);
  }

  public ImageView view() {
    return view;
  }

  /**
   * Draws frames larger than {@code width} x {@code height} scaled down by libyuv to fit (aspect
   * kept), so that the picture is shown 1:1: the software pipeline then copies it instead of
   * resampling it on every repaint, which in a grid of several tiles cost more than the decoding
   * (docs/BENCHMARKS.md, "Proctor grid"). 0, 0 draws frames at their own size (one call).
   */
  public void fitWithin(int width, int height) {
    maxWidth = Math.max(0, width);
    maxHeight = Math.max(0, height);
  }

  /** Draws the newest frame, if any; returns whether one was drawn. */
  public boolean render() {
    VideoFrame f = slot.take();
    if (f == null) {
      return false;
    }
    long t0 = System.nanoTime();
    VideoFrameBuffer scaled = null;
    try {
      int w = f.buffer.getWidth();
      int h = f.buffer.getHeight();
      if (maxWidth > 0 && maxHeight > 0 && (w > maxWidth || h > maxHeight)) {
        double k = Math.min((double) maxWidth / w, (double) maxHeight / h);
        int sw = Math.max(2, (int) Math.floor(w * k + 1e-6));
        int sh = Math.max(2, (int) Math.floor(h * k + 1e-6));
        scaled = f.buffer.cropAndScale(0, 0, w, h, sw, sh);
        w = sw;
        h = sh;
      }
      if (w != width || h != height || pixels == null) {
        width = w;
        height = h;
        bytes = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.LITTLE_ENDIAN);
        pixels = new PixelBuffer<>(w, h, bytes.asIntBuffer(), PixelFormat.getIntArgbPreInstance());
        view.setImage(new WritableImage(pixels));
      }
      current = scaled != null ? scaled : f.buffer;
      pixels.updateBuffer(convert);
      shown++;
      return true;
    } catch (Throwable t) {
      log.warn("render", t);
      return false;
    } finally {
      current = null;
      if (scaled != null) {
        scaled.release();
      }
      f.release();
      renderNanos += System.nanoTime() - t0;
    }
  }

  private Rectangle2D convert(PixelBuffer<IntBuffer> pb) {
    try {
      VideoBufferConverter.convertFromI420(current, bytes, FourCC.ARGB);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return null; // whole buffer dirty
  }

  /** Frames drawn so far. */
  public long shown() {
    return shown;
  }

  /** Total FX-thread time spent drawing, in nanoseconds. */
  public long renderNanos() {
    return renderNanos;
  }

  public FrameSlot slot() {
    return slot;
  }

  /** The ARGB pixel at ({@code x},{@code y}) of the last drawn frame, or 0 (for tests). */
  public int pixel(int x, int y) {
    return view.getImage() == null ? 0 : view.getImage().getPixelReader().getArgb(x, y);
  }
}
