package dev.peerphone.app.rtc;

import java.nio.ByteBuffer;

/** Draws decimal digits into a luma plane with a 3x5 pixel font, scaled. Pure, any thread. */
final class Digits {
  private Digits() {}

  // Rows of each glyph, 3 bits per row, most significant bit on the left.
  private static final int[][] GLYPHS = {
    {7, 5, 5, 5, 7}, {2, 6, 2, 2, 7}, {7, 1, 7, 4, 7}, {7, 1, 7, 1, 7}, {5, 5, 7, 1, 1},
    {7, 4, 7, 1, 7}, {7, 4, 7, 5, 7}, {7, 1, 1, 1, 1}, {7, 5, 7, 5, 7}, {7, 5, 7, 1, 7},
  };

  static void draw(ByteBuffer luma, int stride, int width, int height, String digits, int scale) {
    int x0 = scale * 2;
    int y0 = scale * 2;
    for (int i = 0; i < digits.length(); i++) {
      int[] glyph = GLYPHS[digits.charAt(i) - '0'];
      for (int gy = 0; gy < 5; gy++) {
        for (int gx = 0; gx < 3; gx++) {
          byte v = (glyph[gy] & (4 >> gx)) != 0 ? (byte) 255 : (byte) 16;
          fill(luma, stride, width, height, x0 + (i * 4 + gx) * scale, y0 + gy * scale, scale, v);
        }
      }
    }
  }

  private static void fill(ByteBuffer luma, int stride, int width, int height, int x, int y, int s, byte v) {
    for (int r = y; r < Math.min(y + s, height); r++) {
      for (int c = x; c < Math.min(x + s, width); c++) {
        luma.put(r * stride + c, v);
      }
    }
  }
}
