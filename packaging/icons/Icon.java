import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws Peerphone's icon (a white video camera with a call wave on a blue-teal rounded square)
 * and writes it in the formats jpackage takes: PNG (Linux), ICO (Windows), ICNS (macOS).
 * Pure Java2D, no third-party art: run {@code java packaging/icons/Icon.java packaging/icons}
 * to regenerate the committed files.
 */
public final class Icon {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : ".");
    Files.write(dir.resolve("peerphone.png"), png(256));
    Files.write(dir.resolve("peerphone.ico"), ico(16, 24, 32, 48, 64, 128, 256));
    Files.write(dir.resolve("peerphone.icns"), icns());
  }

  /** The icon drawn at {@code size} x {@code size} pixels (vector shapes, so every size is sharp). */
  static BufferedImage draw(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.scale(size / 100.0, size / 100.0);
    // Background: a rounded square, blue at the top to teal at the bottom.
    g.setPaint(new GradientPaint(0, 4, new Color(0x25, 0x63, 0xEB), 0, 96, new Color(0x0D, 0x94, 0x88)));
    g.fill(new RoundRectangle2D.Double(4, 4, 92, 92, 22, 22));
    g.setColor(Color.WHITE);
    // Camera body and lens.
    g.fill(new RoundRectangle2D.Double(18, 46, 44, 32, 10, 10));
    Path2D lens = new Path2D.Double();
    lens.moveTo(65, 57);
    lens.lineTo(82, 47);
    lens.lineTo(82, 77);
    lens.lineTo(65, 67);
    lens.closePath();
    g.fill(lens);
    // Two call waves above the camera, as a "live" signal.
    g.setStroke(new BasicStroke(4.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Arc2D.Double(29, 27, 22, 22, 45, 90, Arc2D.OPEN));
    g.draw(new Arc2D.Double(22, 20, 36, 36, 50, 80, Arc2D.OPEN));
    g.dispose();
    return img;
  }

  static byte[] png(int size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(draw(size), "png", out);
    return out.toByteArray();
  }

  /** ICO with PNG entries (Windows Vista and later). */
  static byte[] ico(int... sizes) throws IOException {
    byte[][] images = new byte[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      images[i] = png(sizes[i]);
    }
    int offset = 6 + 16 * sizes.length;
    ByteBuffer b = ByteBuffer.allocate(offset + java.util.Arrays.stream(images).mapToInt(a -> a.length).sum())
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0).putShort((short) 1).putShort((short) sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      b.put((byte) (sizes[i] % 256)).put((byte) (sizes[i] % 256)).put((byte) 0).put((byte) 0);
      b.putShort((short) 1).putShort((short) 32).putInt(images[i].length).putInt(offset);
      offset += images[i].length;
    }
    for (byte[] image : images) {
      b.put(image);
    }
    return b.array();
  }

  /** ICNS with PNG entries: ic07 (128), ic08 (256), ic09 (512), ic10 (1024). */
  static byte[] icns() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    String[] types = {"ic07", "ic08", "ic09", "ic10"};
    int[] sizes = {128, 256, 512, 1024};
    for (int i = 0; i < types.length; i++) {
      byte[] image = png(sizes[i]);
      d.writeBytes(types[i]);
      d.writeInt(8 + image.length);
      d.write(image);
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    DataOutputStream a = new DataOutputStream(all);
    a.writeBytes("icns");
    a.writeInt(8 + body.size());
    body.writeTo(a);
    return all.toByteArray();
  }
}
