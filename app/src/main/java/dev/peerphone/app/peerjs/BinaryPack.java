package dev.peerphone.app.peerjs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PeerJS's BinaryPack ({@code peerjs-js-binarypack} 2.x): an early MessagePack dialect, not
 * stock MessagePack. Differences that matter on the wire: {@code 0xa0..0xaf}/{@code 0xda}/{@code
 * 0xdb} are <em>binary</em> (raw) and {@code 0xb0..0xbf}/{@code 0xd8}/{@code 0xd9} are UTF-8
 * strings; every non-integral number is a double ({@code 0xcb}); integral numbers use the
 * smallest of positive/negative fixint, uint8, int8, uint16, int16, uint32, int32, int64.
 *
 * <p>Java values: {@code null}, {@link Boolean}, {@link String}, {@link Number} (whole values are
 * sent as integers, like JavaScript numbers), {@code byte[]}, {@link List}, {@link Map} (keys as
 * strings, insertion order kept). Decoding gives {@code null}, Boolean, String, Long (integers),
 * Double, byte[], List, LinkedHashMap. Pure functions, any thread.
 */
public final class BinaryPack {
  private BinaryPack() {}

  /** Thrown for bytes that are not BinaryPack or a value that cannot be packed. */
  public static final class FormatException extends RuntimeException {
    FormatException(String message) {
      super(message);
    }
  }

  public static byte[] pack(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pack(value, out, 0);
    return out.toByteArray();
  }

  private static void pack(Object v, ByteArrayOutputStream out, int depth) {
    if (depth > 100) {
      throw new FormatException("value nested deeper than 100 levels");
    }
    if (v == null) {
      out.write(0xc0);
    } else if (v instanceof Boolean b) {
      out.write(b ? 0xc3 : 0xc2);
    } else if (v instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      header(out, utf8.length, 0xb0, 0xd8, 0xd9);
      out.writeBytes(utf8);
    } else if (v instanceof byte[] bytes) {
      header(out, bytes.length, 0xa0, 0xda, 0xdb);
      out.writeBytes(bytes);
    } else if (v instanceof Number n) {
      number(n, out);
    } else if (v instanceof List<?> list) {
      header(out, list.size(), 0x90, 0xdc, 0xdd);
      for (Object o : list) {
        pack(o, out, depth + 1);
      }
    } else if (v instanceof Map<?, ?> map) {
      header(out, map.size(), 0x80, 0xde, 0xdf);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        pack(String.valueOf(e.getKey()), out, depth + 1);
        pack(e.getValue(), out, depth + 1);
      }
    } else {
      throw new FormatException("cannot pack a " + v.getClass().getSimpleName());
    }
  }

  /** A fix type for sizes up to 15, else the 16-bit or 32-bit form. */
  private static void header(ByteArrayOutputStream out, int size, int fix, int t16, int t32) {
    if (size <= 0x0f) {
      out.write(fix + size);
    } else if (size <= 0xffff) {
      out.write(t16);
      out.write(size >> 8);
      out.write(size & 0xff);
    } else {
      out.write(t32);
      writeInt(out, size);
    }
  }

  private static void number(Number n, ByteArrayOutputStream out) {
    double d = n.doubleValue();
    boolean integral = n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
        || (!Double.isInfinite(d) && Math.floor(d) == d && Math.abs(d) < 0x1p63);
    if (!integral) {
      out.write(0xcb);
      long bits = Double.doubleToLongBits(d);
      writeInt(out, (int) (bits >>> 32));
      writeInt(out, (int) bits);
      return;
    }
    long x = n instanceof Double || n instanceof Float ? (long) d : n.longValue();
    if (x >= -0x20 && x <= 0x7f) {
      out.write((int) x & 0xff);
    } else if (x >= 0 && x <= 0xff) {
      out.write(0xcc);
      out.write((int) x);
    } else if (x >= -0x80 && x <= 0x7f) {
      out.write(0xd0);
      out.write((int) x & 0xff);
    } else if (x >= 0 && x <= 0xffff) {
      out.write(0xcd);
      out.write((int) (x >> 8));
      out.write((int) x & 0xff);
    } else if (x >= -0x8000 && x <= 0x7fff) {
      out.write(0xd1);
      out.write((int) (x >> 8) & 0xff);
      out.write((int) x & 0xff);
    } else if (x >= 0 && x <= 0xffffffffL) {
      out.write(0xce);
      writeInt(out, (int) x);
    } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
      out.write(0xd2);
      writeInt(out, (int) x);
    } else {
      out.write(0xd3);
      writeInt(out, (int) (x >> 32));
      writeInt(out, (int) x);
    }
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write(v & 0xff);
  }

  /** Decodes one value; trailing bytes are ignored, as the JavaScript unpacker does. */
  public static Object unpack(byte[] data) {
    try {
      return new Reader(ByteBuffer.wrap(data)).read(0);
    } catch (java.nio.BufferUnderflowException e) {
      throw new FormatException("BinaryPack data ends early (" + data.length + " bytes)");
    }
  }

  private static final class Reader {
    private final ByteBuffer in;

    Reader(ByteBuffer in) {
      this.in = in;
    }

    Object read(int depth) {
      if (depth > 100) {
        throw new FormatException("BinaryPack value nested deeper than 100 levels");
      }
      int type = in.get() & 0xff;
      if (type < 0x80) {
        return (long) type;
      }
      if (type >= 0xe0) {
        return (long) (type - 0x100);
      }
      if (type >= 0xa0 && type <= 0xaf) {
        return raw(type - 0xa0);
      }
      if (type >= 0xb0 && type <= 0xbf) {
        return string(type - 0xb0);
      }
      if (type >= 0x90 && type <= 0x9f) {
        return array(type - 0x90, depth);
      }
      if (type <= 0x8f) {
        return map(type - 0x80, depth);
      }
      return switch (type) {
        case 0xc0, 0xc1, 0xd4, 0xd5, 0xd6, 0xd7 -> null; // undefined reads as null
        case 0xc2 -> false;
        case 0xc3 -> true;
        case 0xca -> (double) in.getFloat();
        case 0xcb -> in.getDouble();
        case 0xcc -> (long) (in.get() & 0xff);
        case 0xcd -> (long) (in.getShort() & 0xffff);
        case 0xce -> in.getInt() & 0xffffffffL;
        case 0xcf -> unsigned64(in.getLong());
        case 0xd0 -> (long) in.get();
        case 0xd1 -> (long) in.getShort();
        case 0xd2 -> (long) in.getInt();
        case 0xd3 -> in.getLong();
        case 0xd8 -> string(in.getShort() & 0xffff);
        case 0xd9 -> string(size32());
        case 0xda -> raw(in.getShort() & 0xffff);
        case 0xdb -> raw(size32());
        case 0xdc -> array(in.getShort() & 0xffff, depth);
        case 0xdd -> array(size32(), depth);
        case 0xde -> map(in.getShort() & 0xffff, depth);
        case 0xdf -> map(size32(), depth);
        default -> throw new FormatException(String.format("unknown BinaryPack type 0x%02x", type));
      };
    }

    private static Object unsigned64(long v) {
      return v >= 0 ? (Object) v : (Object) (v + 0x1p64);
    }

    private int size32() {
      long n = in.getInt() & 0xffffffffL;
      if (n > in.remaining()) {
        throw new FormatException("BinaryPack size " + n + " beyond the " + in.remaining() + " bytes left");
      }
      return (int) n;
    }

    private byte[] raw(int size) {
      check(size);
      byte[] b = new byte[size];
      in.get(b);
      return b;
    }

    private String string(int size) {
      return new String(raw(size), StandardCharsets.UTF_8);
    }

    private List<Object> array(int size, int depth) {
      check(size); // every element takes at least one byte
      List<Object> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        list.add(read(depth + 1));
      }
      return list;
    }

    private Map<String, Object> map(int size, int depth) {
      check(size * 2L);
      Map<String, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        Object key = read(depth + 1);
        map.put(key instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(key), read(depth + 1));
      }
      return map;
    }

    private void check(long size) {
      if (size > in.remaining()) {
        throw new FormatException("BinaryPack size " + size + " beyond the " + in.remaining() + " bytes left");
      }
    }
  }
}
