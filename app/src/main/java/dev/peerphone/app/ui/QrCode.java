package dev.peerphone.app.ui;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/** A QR code (ZXing) drawn into a JavaFX image: black modules on white, whole pixels per module. */
final class QrCode {
  private QrCode() {}

  /** {@code text} as a QR code with {@code scale} pixels per module and a 2-module quiet zone. */
  static WritableImage image(String text, int scale) {
    BitMatrix m;
    try {
      m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
          EncodeHintType.MARGIN, 2,
          EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
          EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot encode as a QR code: " + text, e);
    }
    WritableImage img = new WritableImage(m.getWidth() * scale, m.getHeight() * scale);
    PixelWriter w = img.getPixelWriter();
    for (int y = 0; y < m.getHeight() * scale; y++) {
      for (int x = 0; x < m.getWidth() * scale; x++) {
        w.setArgb(x, y, m.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    return img;
  }
}
