package dev.peerphone.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * WebSocket frames built byte by byte (RFC 6455 §5.2), including the ones a real client library
 * refuses to write: any opcode, RSV bits, no mask, non-minimal or lying length fields.
 */
final class Frames {
  static final int CONTINUATION = 0;
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;
  private static final byte[] MASK = {0x37, (byte) 0xfa, 0x21, 0x3d};

  private Frames() {}

  /** How the length field is written: minimal (as a client must), or forced to 16/64 bits. */
  enum Length { MINIMAL, FORCE_16, FORCE_64 }

  static byte[] text(String s) {
    return frame(true, 0, TEXT, true, Length.MINIMAL, s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] data(int opcode, byte[] payload) {
    return frame(true, 0, opcode, true, Length.MINIMAL, payload);
  }

  static byte[] fragment(boolean fin, int opcode, byte[] payload) {
    return frame(fin, 0, opcode, true, Length.MINIMAL, payload);
  }

  /** A close frame with this code (-1: no code) and these reason bytes. */
  static byte[] close(int code, byte[] reason) {
    if (code < 0) {
      return data(CLOSE, reason);
    }
    byte[] p = new byte[2 + reason.length];
    p[0] = (byte) (code >> 8);
    p[1] = (byte) code;
    System.arraycopy(reason, 0, p, 2, reason.length);
    return data(CLOSE, p);
  }

  static byte[] frame(boolean fin, int rsv, int opcode, boolean masked, Length length, byte[] payload) {
    ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
    header(f, fin, rsv, opcode, masked, length, payload.length);
    if (masked) {
      f.writeBytes(MASK);
      for (int i = 0; i < payload.length; i++) {
        f.write(payload[i] ^ MASK[i & 3]);
      }
    } else {
      f.writeBytes(payload);
    }
    return f.toByteArray();
  }

  /** Only a header announcing {@code declared} bytes (the payload, if any, follows separately). */
  static byte[] header(boolean fin, int opcode, long declared) {
    ByteArrayOutputStream f = new ByteArrayOutputStream(14);
    f.write((fin ? 0x80 : 0) | opcode);
    f.write(0x80 | 127);
    for (int i = 7; i >= 0; i--) {
      f.write((int) (declared >>> (8 * i)));
    }
    f.writeBytes(MASK);
    return f.toByteArray();
  }

  private static void header(ByteArrayOutputStream f, boolean fin, int rsv, int opcode, boolean masked,
      Length length, int n) {
    f.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0x0f));
    int maskBit = masked ? 0x80 : 0;
    if (length == Length.MINIMAL && n < 126) {
      f.write(maskBit | n);
    } else if (length != Length.FORCE_64 && n < 65536) {
      f.write(maskBit | 126);
      f.write(n >> 8);
      f.write(n);
    } else {
      f.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) n >>> (8 * i)));
      }
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
