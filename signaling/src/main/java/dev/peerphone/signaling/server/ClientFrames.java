package dev.peerphone.signaling.server;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * RFC 6455 frames from a client, decoded for {@link CappedDraft} instead of by Java-WebSocket
 * 1.6.0's {@code Draft_6455.translateFrame}, which the relay benchmark's profile showed spending
 * about a tenth of the server's time (docs/BENCHMARKS.md): it unmasks byte by byte through
 * {@code ByteBuffer.get/put} and validates every text frame's UTF-8 in a pass of its own before
 * the pass that decodes it. Here the payload is unmasked eight bytes at a time from the read
 * buffer's array, and a text frame's UTF-8 is checked once, where Java-WebSocket decodes it
 * (strictly: invalid UTF-8 still closes with 1007). Everything else is the library's rule:
 * frames must be masked (RFC 6455 §5.1: else close 1002), no RSV bits without an extension,
 * known opcodes only, control frames final and at most 125 bytes, the frame cap
 * ({@link LimitExceededException}, as the library throws it, before the payload is buffered).
 * A frame split over reads is kept (the bytes of one incomplete frame, at most the cap).
 *
 * <p>One instance per connection, used by its selector thread only.
 */
final class ClientFrames {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private final int maxPayload;
  /** The start of an incomplete frame from earlier reads. */
  private byte[] pending = new byte[0];
  private int pendingLength;

  ClientFrames(int maxPayload) {
    this.maxPayload = maxPayload;
  }

  /** Decodes every complete frame in {@code buffer} (consumed to its limit); keeps the rest for the next read. */
  List<Framedata> decode(ByteBuffer buffer) throws InvalidDataException {
    byte[] a;
    int p;
    int end;
    int n = buffer.remaining();
    if (pendingLength > 0 || !buffer.hasArray()) {
      ensure(pendingLength + n);
      buffer.get(pending, pendingLength, n);
      pendingLength += n;
      a = pending;
      p = 0;
      end = pendingLength;
    } else {
      a = buffer.array();
      p = buffer.arrayOffset() + buffer.position();
      end = p + n;
      buffer.position(buffer.limit());
    }
    List<Framedata> frames = new ArrayList<>(4);
    while (p < end) {
      int size = frame(a, p, end, frames);
      if (size == 0) {
        break;
      }
      p += size;
    }
    keep(a, p, end);
    return frames;
  }

  /** Keeps {@code a[p..end)} as the incomplete frame for the next read. */
  private void keep(byte[] a, int p, int end) {
    int rest = end - p;
    if (a == pending) {
      System.arraycopy(pending, p, pending, 0, rest);
    } else if (rest > 0) {
      ensure(rest);
      System.arraycopy(a, p, pending, 0, rest);
    }
    pendingLength = rest;
    if (rest == 0 && pending.length > 64 * 1024) {
      pending = new byte[0]; // a big frame's room is not kept for the life of the connection
    }
  }

  private void ensure(int capacity) {
    if (pending.length < capacity) {
      pending = Arrays.copyOf(pending, Math.max(capacity, Math.min(2 * pending.length, capacity + 64 * 1024)));
    }
  }

  /** Decodes the frame at {@code p} into {@code out}; returns its size, or 0 if it is not complete yet. */
  private int frame(byte[] a, int p, int end, List<Framedata> out) throws InvalidDataException {
    int available = end - p;
    if (available < 2) {
      return 0;
    }
    int b1 = a[p] & 0xff;
    int b2 = a[p + 1] & 0xff;
    if ((b2 & 0x80) == 0) {
      throw new InvalidFrameException("Client frames must be masked");
    }
    if ((b1 & 0x70) != 0) {
      throw new InvalidFrameException("bad rsv RSV1: " + ((b1 & 0x40) != 0) + " RSV2: " + ((b1 & 0x20) != 0)
          + " RSV3: " + ((b1 & 0x10) != 0));
    }
    Opcode opcode = opcode(b1 & 0x0f);
    boolean control = opcode == Opcode.PING || opcode == Opcode.PONG || opcode == Opcode.CLOSING;
    int code = b2 & 0x7f;
    int header = 2;
    long length = code;
    if (code == 126 || code == 127) {
      if (control) {
        throw new InvalidFrameException("Invalid frame: more than 125 octets");
      }
      int bytes = code == 126 ? 2 : 8;
      if (available < 2 + bytes) {
        return 0;
      }
      length = 0;
      for (int i = 0; i < bytes; i++) {
        length = length << 8 | (a[p + 2 + i] & 0xff);
      }
      header += bytes;
    }
    if (length < 0 || length > maxPayload) {
      throw new LimitExceededException("Payload limit reached.", maxPayload);
    }
    int size = header + 4 + (int) length;
    if (available < size) {
      return 0;
    }
    byte[] payload = new byte[(int) length];
    unmask(a, p + header, payload);
    FramedataImpl1 frame = FramedataImpl1.get(opcode);
    frame.setFin((b1 & 0x80) != 0);
    frame.setPayload(ByteBuffer.wrap(payload));
    if (opcode != Opcode.TEXT) { // a text frame's UTF-8 is checked where it is decoded (Draft_6455.processFrame)
      try {
        frame.isValid();
      } catch (NullPointerException e) {
        // Java-WebSocket 1.6.0: a close frame whose reason is not UTF-8 gets code 1007 and a null
        // reason, and CloseFrame.isValid then calls reason.isEmpty(). Answer as the library meant to.
        throw new InvalidDataException(CloseFrame.NO_UTF8, "Invalid UTF-8 in a close frame's reason");
      }
    }
    out.add(frame);
    return size;
  }

  /** XORs the payload after the 4-byte key at {@code key} with that key into {@code out}, 8 bytes at a time. */
  static void unmask(byte[] a, int key, byte[] out) {
    int from = key + 4;
    long k = (a[key] & 0xffL) | (a[key + 1] & 0xffL) << 8 | (a[key + 2] & 0xffL) << 16 | (a[key + 3] & 0xffL) << 24;
    long k8 = k | k << 32;
    int n = out.length;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      LONGS.set(out, i, (long) LONGS.get(a, from + i) ^ k8);
    }
    for (; i < n; i++) {
      out[i] = (byte) (a[from + i] ^ a[key + (i & 3)]);
    }
  }

  private static Opcode opcode(int code) throws InvalidFrameException {
    switch (code) {
      case 0: return Opcode.CONTINUOUS;
      case 1: return Opcode.TEXT;
      case 2: return Opcode.BINARY;
      case 8: return Opcode.CLOSING;
      case 9: return Opcode.PING;
      case 10: return Opcode.PONG;
      default: throw new InvalidFrameException("Unknown opcode " + (short) code);
    }
  }
}
