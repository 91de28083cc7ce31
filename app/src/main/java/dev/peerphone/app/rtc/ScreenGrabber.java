package dev.peerphone.app.rtc;

import java.awt.AWTException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * Grabs one screen area with AWT {@link Robot} into a direct buffer in libyuv's "ARGB" layout
 * (B, G, R, A bytes in memory: the little-endian form of AWT's {@code 0xAARRGGBB} ints). The
 * area is trimmed to even sides (I420 needs them). No webrtc-java here.
 *
 * <p>Threading: one grabbing thread at a time (the buffer is reused).
 */
final class ScreenGrabber {
  private final Robot robot;
  private final Rectangle area;
  private final ByteBuffer bytes;
  private final IntBuffer ints;

  /** Throws {@link IllegalStateException} when there is no display to capture. */
  ScreenGrabber(Rectangle bounds, java.awt.GraphicsDevice device) {
    this.area = new Rectangle(bounds.x, bounds.y, bounds.width & ~1, bounds.height & ~1);
    if (area.width < 2 || area.height < 2) {
      throw new IllegalStateException("Screen too small to share: " + bounds.width + "x" + bounds.height);
    }
    try {
      this.robot = device == null ? new Robot() : new Robot(device); // its coordinates are the device's
    } catch (AWTException | UnsupportedOperationException | java.awt.AWTError e) {
      throw new IllegalStateException("Screen sharing needs a graphical display (on Linux an X11 DISPLAY): "
          + e.getMessage(), e);
    }
    this.bytes = ByteBuffer.allocateDirect(area.width * area.height * 4).order(ByteOrder.LITTLE_ENDIAN);
    this.ints = bytes.asIntBuffer();
  }

  /** The captured area: the screen's bounds with even sides. */
  Rectangle area() {
    return new Rectangle(area);
  }

  /** Captures the area now; the returned buffer is overwritten by the next call. */
  ByteBuffer grab() {
    BufferedImage img = robot.createScreenCapture(area);
    ints.clear();
    if (img.getRaster().getDataBuffer() instanceof DataBufferInt data && img.getType() == BufferedImage.TYPE_INT_RGB
        && img.getWidth() == area.width && img.getHeight() == area.height) {
      ints.put(data.getData(), 0, area.width * area.height);
    } else {
      int[] row = new int[area.width];
      for (int y = 0; y < area.height; y++) {
        img.getRGB(0, y, area.width, 1, row, 0, area.width);
        ints.put(row);
      }
    }
    bytes.clear();
    return bytes;
  }
}
