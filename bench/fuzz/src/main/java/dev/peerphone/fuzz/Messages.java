package dev.peerphone.fuzz;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.peerphone.signaling.protocol.ServerMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Protocol-level inputs: one WebSocket message each, built from every client message type of
 * PROTOCOL.md and then mutated (fields deleted, duplicated, retyped or nulled; odd unicode names;
 * huge, negative, fractional and exponent numbers; strings near and over the 64 KiB frame cap;
 * deep nesting; invalid UTF-8; random JSON; random bytes; binary frames). Stateless: all
 * randomness comes from the caller's generator, so a seed replays the same inputs.
 */
final class Messages {
  /** One message to send; {@code terminal} ones make the server close, so they go last in a batch. */
  record Input(String kind, int opcode, byte[] payload, boolean terminal) {}

  static final int FRAME_CAP = 64 * 1024;
  private static final String[] TEMPLATES = {
      "{\"type\":\"login\",\"name\":\"N\",\"features\":[\"ring\"]}",
      "{\"type\":\"login\",\"name\":\"N\",\"features\":[\"ring\",\"x\"],\"token\":\"AAAAAAAAAAAAAAAAAAAAAAAA\"}",
      "{\"type\":\"ice\"}",
      "{\"type\":\"offer\",\"name\":\"T\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"}}",
      "{\"type\":\"answer\",\"name\":\"T\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}}",
      "{\"type\":\"candidate\",\"name\":\"T\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 "
          + "10.0.0.1 54400 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}",
      "{\"type\":\"candidate\",\"name\":\"T\",\"candidate\":null}",
      "{\"type\":\"leave\",\"name\":\"T\"}",
      "{\"type\":\"call\",\"name\":\"T\"}",
      "{\"type\":\"accept\",\"name\":\"T\"}",
      "{\"type\":\"reject\",\"name\":\"T\",\"reason\":\"busy\"}",
      "{\"type\":\"chat\",\"name\":\"T\",\"text\":\"hello\"}",
      "{\"type\":\"users\"}", "{\"type\":\"find\"}", "{\"type\":\"next\"}", "{\"type\":\"stop\"}",
      "{\"type\":\"ping\"}"};
  private static final String[] ODD_STRINGS = {"", " ", "\u202Eevil", "a\u200Db", "\uFEFFbom", "e\u0301",
      "\uD83D\uDE00", "\uD800", "\uDFFF", "\u0000", "\uFF41\uFF4C\uFF49\uFF43\uFF45", "ALICE", " alice ",
      "alice\n", "İstanbul", "straße", "\u0085", "a".repeat(32), "a".repeat(33), "名前", "имя", "a.b-c_d",
      "<script>", "\\", "\"", "\u2028", "null", "0", "alice\u0000bob", "\uFFFF", "\uFFFE"};
  private static final String[] ODD_NUMBERS = {"0", "-0", "-1", "1.5", "1e999", "-1e999", "1E+2", "1e-400",
      "123456789012345678901234567890", "-9223372036854775809", "9223372036854775808", "2147483648",
      "4294967296", "0.0000000000000000001", "1" + "0".repeat(400), "NaN", "Infinity", "-", "01", "1.", ".5"};

  private static final String INSERTS = "{}[]\":,\\x0 \u0000\t-e.";

  private Messages() {}

  /** A target name for relays: mostly other fuzzers, sometimes the innocent pair or nobody. */
  static String target(SplittableRandom r) {
    int k = r.nextInt(20);
    return k == 0 ? "alice" : k == 1 ? "bob" : k < 5 ? "nobody" : "f" + Integer.toString(r.nextInt(4096), 36);
  }

  static Input next(SplittableRandom r) {
    int k = r.nextInt(1000);
    if (k < 150) {
      return text("valid", template(r));
    } else if (k < 550) {
      return text("mutated", mutate(r, JsonParser.parseString(template(r)).getAsJsonObject()).toString());
    } else if (k < 700) {
      return text("textual", textual(r, template(r)));
    } else if (k < 840) {
      return text("random-json", randomJson(r, 4).toString());
    } else if (k < 880) {
      return text("odd-names", oddNames(r));
    } else if (k < 920) {
      return text("numbers", numbers(r));
    } else if (k < 930) {
      return text("deep-nesting", deep(r));
    } else if (k < 934) {
      return longString(r);
    } else if (k < 944) {
      return invalidUtf8(r);
    } else if (k < 970) {
      return new Input("binary", Frames.BINARY, randomBytes(r, r.nextInt(300)), false);
    } else {
      return text("random-text", randomText(r));
    }
  }

  static Input text(String kind, String s) {
    return new Input(kind, Frames.TEXT, s.getBytes(StandardCharsets.UTF_8), false);
  }

  static String template(SplittableRandom r) {
    String t = TEMPLATES[r.nextInt(TEMPLATES.length)];
    return t.replace("\"N\"", "\"f" + Integer.toString(r.nextInt(4096), 36) + "\"")
        .replace("\"T\"", "\"" + target(r) + "\"");
  }

  private static JsonObject mutate(SplittableRandom r, JsonObject m) {
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
      List<String> keys = new ArrayList<>(m.keySet());
      if (keys.isEmpty()) {
        m.add("type", randomJson(r, 1));
        continue;
      }
      String key = keys.get(r.nextInt(keys.size()));
      JsonObject holder = m;
      if (m.get(key).isJsonObject() && r.nextBoolean()) { // mutate inside the payload object
        holder = m.getAsJsonObject(key);
        List<String> inner = new ArrayList<>(holder.keySet());
        if (inner.isEmpty()) {
          continue;
        }
        key = inner.get(r.nextInt(inner.size()));
      }
      switch (r.nextInt(6)) {
        case 0 -> holder.remove(key);
        case 1 -> holder.add(key, JsonNull.INSTANCE);
        case 2 -> holder.add(key, randomJson(r, 2));
        case 3 -> holder.add(key, new JsonPrimitive(ODD_STRINGS[r.nextInt(ODD_STRINGS.length)]));
        case 4 -> holder.add(key, JsonParser.parseString(oddNumber(r)));
        default -> holder.add(randomKey(r), randomJson(r, 1));
      }
    }
    return m;
  }

  private static String oddNumber(SplittableRandom r) {
    String n = ODD_NUMBERS[r.nextInt(ODD_NUMBERS.length)];
    return n.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?") ? n : "\"" + n + "\"";
  }

  /** Character-level damage to valid JSON: deletions, insertions, truncation, duplicated keys. */
  private static String textual(SplittableRandom r, String s) {
    StringBuilder b = new StringBuilder(s);
    for (int i = 0, n = 1 + r.nextInt(3); i < n && b.length() > 0; i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(5)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, INSERTS.charAt(r.nextInt(INSERTS.length())));
        case 2 -> b.setLength(at);
        case 3 -> b.insert(1, "\"type\":\"ping\",");
        default -> b.insert(b.length() - 1, ",\"name\":" + ServerMessages.quote(target(r)));
      }
    }
    return b.toString();
  }

  private static String oddNames(SplittableRandom r) {
    String name = ODD_STRINGS[r.nextInt(ODD_STRINGS.length)];
    if (r.nextBoolean()) {
      name = name + ODD_STRINGS[r.nextInt(ODD_STRINGS.length)];
    }
    String type = r.nextInt(3) == 0 ? "login" : new String[] {"chat", "call", "offer", "leave"}[r.nextInt(4)];
    String raw = r.nextInt(4) == 0 ? "\"\\ud800" + Integer.toString(r.nextInt(36), 36) + "\"" : ServerMessages.quote(name);
    return "{\"type\":\"" + type + "\",\"name\":" + raw + ",\"text\":\"x\"}";
  }

  private static String numbers(SplittableRandom r) {
    return "{\"type\":\"candidate\",\"name\":" + ServerMessages.quote(target(r)) + ",\"candidate\":{\"candidate\":\"c\","
        + "\"sdpMid\":" + oddNumber(r) + ",\"sdpMLineIndex\":" + rawNumber(r) + "},\"n\":" + rawNumber(r) + "}";
  }

  /** Raw, so NaN, Infinity, 01 and 1. reach the parser as written. */
  private static String rawNumber(SplittableRandom r) {
    return ODD_NUMBERS[r.nextInt(ODD_NUMBERS.length)];
  }

  private static String deep(SplittableRandom r) {
    int depth = 1 + r.nextInt(r.nextBoolean() ? 200 : 20_000);
    boolean arrays = r.nextBoolean();
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String inner = open.repeat(depth) + "1" + close.repeat(r.nextInt(8) == 0 ? depth / 2 : depth);
    return r.nextBoolean() ? inner : "{\"type\":\"chat\",\"name\":\"nobody\",\"text\":" + inner + "}";
  }

  /** Strings just under, at and over the frame cap; over it the server answers too-large and closes 1009. */
  private static Input longString(SplittableRandom r) {
    String head = "{\"type\":\"chat\",\"name\":\"nobody\",\"text\":\"";
    int total = FRAME_CAP - 8 + r.nextInt(17) + (r.nextInt(4) == 0 ? r.nextInt(FRAME_CAP) : 0);
    int fill = Math.max(0, total - head.length() - 2);
    char c = r.nextBoolean() ? 'x' : 'é';
    String s = head + String.valueOf(c).repeat(c == 'x' ? fill : fill / 2) + "\"}";
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return new Input("long-string", Frames.TEXT, bytes, bytes.length > FRAME_CAP);
  }

  /** A text frame that is not UTF-8: the server must close 1007 (RFC 6455 §8.1). */
  private static Input invalidUtf8(SplittableRandom r) {
    byte[][] bad = {{(byte) 0xc3}, {(byte) 0xff}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0x80}};
    byte[] prefix = ("{\"type\":\"chat\",\"name\":\"nobody\",\"text\":\"").getBytes(StandardCharsets.US_ASCII);
    byte[] b = bad[r.nextInt(bad.length)];
    byte[] payload = r.nextInt(3) == 0 ? randomBytes(r, 1 + r.nextInt(64))
        : Frames.concat(prefix, b, "\"}".getBytes(StandardCharsets.US_ASCII));
    return new Input("invalid-utf8", Frames.TEXT, payload, true);
  }

  private static String randomText(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0, n = r.nextInt(200); i < n; i++) {
      b.appendCodePoint(r.nextInt(4) == 0 ? r.nextInt(0x20, 0x7f) : r.nextInt(0, 0x10000) & ~0x800 | 0x20);
    }
    return b.toString();
  }

  static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  private static String randomKey(SplittableRandom r) {
    String[] keys = {"type", "name", "text", "offer", "answer", "candidate", "reason", "features", "token",
        "sdp", "auto", "__proto__", "constructor", ""};
    return keys[r.nextInt(keys.length)];
  }

  static JsonElement randomJson(SplittableRandom r, int depth) {
    int k = r.nextInt(depth > 0 ? 9 : 6);
    switch (k) {
      case 0: return JsonNull.INSTANCE;
      case 1: return new JsonPrimitive(r.nextBoolean());
      case 2: return JsonParser.parseString(oddNumber(r));
      case 3: return new JsonPrimitive(r.nextInt());
      case 4: return new JsonPrimitive(ODD_STRINGS[r.nextInt(ODD_STRINGS.length)]);
      case 5: return new JsonPrimitive(TEMPLATE_WORDS[r.nextInt(TEMPLATE_WORDS.length)]);
      case 6: {
        JsonArray a = new JsonArray();
        for (int i = 0, n = r.nextInt(4); i < n; i++) {
          a.add(randomJson(r, depth - 1));
        }
        return a;
      }
      default: {
        JsonObject o = new JsonObject();
        for (int i = 0, n = r.nextInt(5); i < n; i++) {
          o.add(randomKey(r), randomJson(r, depth - 1));
        }
        return o;
      }
    }
  }

  private static final String[] TEMPLATE_WORDS = {"login", "offer", "answer", "candidate", "leave", "call",
      "accept", "reject", "chat", "users", "find", "next", "stop", "ping", "ice", "pong", "match", "error",
      "alice", "bob", "nobody", "ring"};
}
