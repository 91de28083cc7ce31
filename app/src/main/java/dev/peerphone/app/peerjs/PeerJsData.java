package dev.peerphone.app.peerjs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One DataConnection's serialization as PeerJS 1.5.5 does it: {@code binary} (the default, also
 * {@code binary-utf8}/{@code default}): BinaryPack, chunked into {@code {__peerData, n, data, total}}
 * pieces above {@link #CHUNK_MTU} bytes and put back together on receipt; {@code json}: UTF-8 JSON
 * in <em>binary</em> frames, refused from {@link #CHUNK_MTU} bytes on (as PeerJS does); {@code raw}:
 * strings as text frames, byte arrays as binary frames, anything else as JSON text. In binary and
 * json, {@code {__peerData:{type:"close"}}} is the peer's "close" request.
 *
 * <p>Not thread-safe: one instance per connection, used on the call executor.
 */
public final class PeerJsData {
  public static final int CHUNK_MTU = 16300;
  /** At most this many bytes waiting in unfinished chunked messages; more is refused. */
  static final int MAX_PENDING_BYTES = 16 * 1024 * 1024;
  private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  public enum Kind {
    BINARY("binary"), JSON("json"), RAW("raw");

    public final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    /** The kind for a payload's {@code serialization}; null for one PeerJS 1.5.5 does not have. */
    public static Kind of(String serialization) {
      if (serialization == null) {
        return BINARY;
      }
      return switch (serialization.toLowerCase(Locale.ROOT)) {
        case "binary", "binary-utf8", "default" -> BINARY;
        case "json" -> JSON;
        case "raw", "none" -> RAW;
        default -> null;
      };
    }
  }

  /** One DataChannel message: bytes, sent as a binary or a text frame. */
  public record Frame(byte[] bytes, boolean binary) {}

  /** What a received frame gave: a value, nothing yet (a chunk), or the peer's close request. */
  public sealed interface Received {}

  public record Value(Object value) implements Received {}

  public record Partial() implements Received {}

  public record CloseRequest() implements Received {}

  /** A frame that does not decode. */
  public static final class DataException extends RuntimeException {
    public DataException(String message) {
      super(message);
    }
  }

  private final Kind kind;
  /** PeerJS numbers chunked messages from 1. */
  private int nextChunkId = 1;
  private final Map<Long, Pending> pending = new HashMap<>();
  private long pendingBytes;

  private static final class Pending {
    final byte[][] parts;
    int count;

    Pending(int total) {
      parts = new byte[total][];
    }
  }

  public PeerJsData(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The frames that carry {@code value}. */
  public List<Frame> encode(Object value) {
    switch (kind) {
      case RAW:
        if (value instanceof byte[] b) {
          return List.of(new Frame(b, true));
        }
        return List.of(new Frame((value instanceof String s ? s : toJsonText(value)).getBytes(StandardCharsets.UTF_8), false));
      case JSON: {
        byte[] utf8 = GSON.toJson(toJson(value)).getBytes(StandardCharsets.UTF_8);
        if (utf8.length >= CHUNK_MTU) {
          throw new DataException("Message too big for JSON channel (" + utf8.length + " bytes; PeerJS refuses "
              + CHUNK_MTU + " and more)");
        }
        return List.of(new Frame(utf8, true));
      }
      default: {
        byte[] packed = BinaryPack.pack(value);
        if (packed.length <= CHUNK_MTU) {
          return List.of(new Frame(packed, true));
        }
        int total = (packed.length + CHUNK_MTU - 1) / CHUNK_MTU;
        int id = nextChunkId++;
        List<Frame> frames = new ArrayList<>(total);
        for (int n = 0; n < total; n++) {
          int from = n * CHUNK_MTU;
          Map<String, Object> chunk = new LinkedHashMap<>();
          chunk.put("__peerData", id);
          chunk.put("n", n);
          chunk.put("data", java.util.Arrays.copyOfRange(packed, from, Math.min(packed.length, from + CHUNK_MTU)));
          chunk.put("total", total);
          frames.add(new Frame(BinaryPack.pack(chunk), true));
        }
        return frames;
      }
    }
  }

  /** Decodes one received frame. */
  public Received decode(Frame f) {
    switch (kind) {
      case RAW:
        return new Value(f.binary() ? f.bytes() : new String(f.bytes(), StandardCharsets.UTF_8));
      case JSON: {
        Object v;
        try {
          v = fromJson(JsonParser.parseString(new String(f.bytes(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
          throw new DataException("not JSON: " + e.getMessage());
        }
        return isClose(v) ? new CloseRequest() : new Value(v);
      }
      default: {
        Object v;
        try {
          v = BinaryPack.unpack(f.bytes());
        } catch (RuntimeException e) {
          throw new DataException("not BinaryPack: " + e.getMessage());
        }
        if (v instanceof Map<?, ?> m && m.containsKey("__peerData") && m.get("__peerData") != null) {
          return isClose(v) ? new CloseRequest() : chunk(m);
        }
        return new Value(v);
      }
    }
  }

  private static boolean isClose(Object v) {
    return v instanceof Map<?, ?> m && m.get("__peerData") instanceof Map<?, ?> d && "close".equals(d.get("type"));
  }

  private Received chunk(Map<?, ?> m) {
    if (!(m.get("__peerData") instanceof Number id) || !(m.get("n") instanceof Number n)
        || !(m.get("total") instanceof Number total) || !(m.get("data") instanceof byte[] data)) {
      throw new DataException("malformed chunk: needs numeric __peerData, n, total and binary data");
    }
    long t = total.longValue();
    if (t < 1 || t > MAX_PENDING_BYTES / 1024 || n.longValue() < 0 || n.longValue() >= t) {
      throw new DataException("chunk " + n + " of " + total + " is out of range");
    }
    Pending p = pending.computeIfAbsent(id.longValue(), k -> new Pending((int) t));
    if (p.parts.length != t || p.parts[n.intValue()] != null) {
      throw new DataException("chunk " + n + " of message " + id + " does not fit (repeated or other total)");
    }
    if (pendingBytes + data.length > MAX_PENDING_BYTES) {
      pending.remove(id.longValue());
      throw new DataException("chunked message beyond " + MAX_PENDING_BYTES + " bytes");
    }
    p.parts[n.intValue()] = data;
    p.count++;
    pendingBytes += data.length;
    if (p.count < t) {
      return new Partial();
    }
    pending.remove(id.longValue());
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : p.parts) {
      all.writeBytes(part);
      pendingBytes -= part.length;
    }
    return decode(new Frame(all.toByteArray(), true));
  }

  /** How a received value is shown as chat: strings as they are, anything else as JSON text. */
  public static String displayText(Object value) {
    return value instanceof String s ? s : toJsonText(value);
  }

  /** JSON text of a value (byte arrays as arrays of numbers 0..255). */
  public static String toJsonText(Object value) {
    return GSON.toJson(toJsonForDisplay(value));
  }

  private static JsonElement toJsonForDisplay(Object v) {
    if (v instanceof byte[] b) {
      JsonArray a = new JsonArray();
      for (byte x : b) {
        a.add(x & 0xff);
      }
      return a;
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(x -> a.add(toJsonForDisplay(x)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, x) -> o.add(String.valueOf(k), toJsonForDisplay(x)));
      return o;
    }
    return toJson(v);
  }

  /** A Java value as JSON the way JSON.stringify sees it (a byte array: {"0":…,"1":…}). */
  static JsonElement toJson(Object v) {
    if (v == null) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    if (v instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (n instanceof Double || n instanceof Float) {
        return Math.floor(d) == d && Math.abs(d) < 0x1p53 ? new JsonPrimitive((long) d) : new JsonPrimitive(d);
      }
      return new JsonPrimitive(n);
    }
    if (v instanceof byte[] b) {
      JsonObject o = new JsonObject();
      for (int i = 0; i < b.length; i++) {
        o.addProperty(Integer.toString(i), b[i] & 0xff);
      }
      return o;
    }
    if (v instanceof List<?> l) {
      JsonArray a = new JsonArray();
      l.forEach(x -> a.add(toJson(x)));
      return a;
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, x) -> o.add(String.valueOf(k), toJson(x)));
      return o;
    }
    throw new DataException("cannot send a " + v.getClass().getSimpleName());
  }

  /** JSON as Java values: Long for integral numbers, Double otherwise, LinkedHashMap, ArrayList. */
  static Object fromJson(JsonElement e) {
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      if (p.isBoolean()) {
        return p.getAsBoolean();
      }
      if (p.isString()) {
        return p.getAsString();
      }
      double d = p.getAsDouble();
      return Math.floor(d) == d && Math.abs(d) < 0x1p63 && !p.getAsString().contains(".")
          && !p.getAsString().toLowerCase(Locale.ROOT).contains("e") ? (Object) p.getAsLong() : (Object) d;
    }
    if (e.isJsonArray()) {
      List<Object> l = new ArrayList<>();
      e.getAsJsonArray().forEach(x -> l.add(fromJson(x)));
      return l;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    e.getAsJsonObject().entrySet().forEach(x -> m.put(x.getKey(), fromJson(x.getValue())));
    return m;
  }
}
