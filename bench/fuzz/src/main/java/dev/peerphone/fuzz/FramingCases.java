package dev.peerphone.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * WebSocket framing inputs (RFC 6455 §5), one per connection after a good handshake:
 * fragmentation (with control frames between fragments, continuation without a start, a new
 * data frame mid-message), bad opcodes, RSV bits, unmasked frames, 64-bit and non-minimal
 * lengths, oversized or fragmented control frames, close frames with bad codes, 1-byte payloads
 * or invalid UTF-8 reasons. Each is followed by a text {@code ping} barrier when the case leaves
 * the connection usable; the server must then answer {@code pong} or close with a close frame.
 */
final class FramingCases {
  /** The bytes to send, and whether a barrier follows (not after the client's own close frame). */
  record Crafted(String name, byte[] bytes, boolean barrier) {}

  private static final String[] NAMES = {"frag-text", "frag-ping-between", "frag-pong-between",
      "frag-close-between", "continuation-first", "data-mid-fragment", "bad-opcode", "rsv-bits", "unmasked",
      "length-over-cap", "length-absurd", "non-minimal-length", "control-too-long", "control-fragmented",
      "close-bad-code", "close-good-code", "close-1-byte", "close-bad-utf8-reason", "empty-text",
      "binary-fragmented", "fragments-over-cap", "ping-payload", "frag-invalid-utf8-split"};

  private FramingCases() {}

  static Crafted next(SplittableRandom r) {
    String name = NAMES[r.nextInt(NAMES.length)];
    byte[] msg = Messages.template(r).getBytes(StandardCharsets.UTF_8);
    return switch (name) {
      case "frag-text" -> new Crafted(name, fragments(r, Frames.TEXT, msg, 0), true);
      case "frag-ping-between" -> new Crafted(name, fragments(r, Frames.TEXT, msg, Frames.PING), true);
      case "frag-pong-between" -> new Crafted(name, fragments(r, Frames.TEXT, msg, Frames.PONG), true);
      case "frag-close-between" -> new Crafted(name, Frames.concat(Frames.fragment(false, Frames.TEXT, msg),
          Frames.close(1000, new byte[0]), Frames.fragment(true, Frames.CONTINUATION, msg)), false);
      case "continuation-first" -> new Crafted(name, Frames.fragment(r.nextBoolean(), Frames.CONTINUATION, msg), true);
      case "data-mid-fragment" -> new Crafted(name, Frames.concat(Frames.fragment(false, Frames.TEXT, msg),
          Frames.fragment(r.nextBoolean(), r.nextBoolean() ? Frames.TEXT : Frames.BINARY, msg)), true);
      case "bad-opcode" -> new Crafted(name, Frames.frame(true, 0, new int[] {3, 4, 5, 6, 7, 11, 12, 13, 14, 15}[
          r.nextInt(10)], true, Frames.Length.MINIMAL, msg), true);
      case "rsv-bits" -> new Crafted(name, Frames.frame(true, 1 + r.nextInt(7), r.nextBoolean() ? Frames.TEXT
          : Frames.PING, true, Frames.Length.MINIMAL, msg.length > 125 ? new byte[0] : msg), true);
      case "unmasked" -> new Crafted(name, Frames.frame(true, 0, r.nextBoolean() ? Frames.TEXT : Frames.PING, false,
          Frames.Length.MINIMAL, msg.length > 125 ? new byte[0] : msg), true);
      case "length-over-cap" -> new Crafted(name, Frames.concat(Frames.header(true, Frames.TEXT,
          Messages.FRAME_CAP + 1 + r.nextInt(1 << 24)), Messages.randomBytes(r, r.nextInt(2048))), false);
      case "length-absurd" -> new Crafted(name, Frames.header(true, r.nextBoolean() ? Frames.TEXT : Frames.BINARY,
          new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1L, 1L << 32, 1L << 62}[r.nextInt(5)]), false);
      case "non-minimal-length" -> new Crafted(name, Frames.frame(true, 0, Frames.TEXT, true,
          r.nextBoolean() ? Frames.Length.FORCE_16 : Frames.Length.FORCE_64, msg), true);
      case "control-too-long" -> new Crafted(name, Frames.data(r.nextBoolean() ? Frames.PING : Frames.PONG,
          Messages.randomBytes(r, 126 + r.nextInt(2000))), true);
      case "control-fragmented" -> new Crafted(name, Frames.fragment(false, Frames.PING, new byte[] {1, 2}), true);
      case "close-bad-code" -> new Crafted(name, Frames.close(new int[] {0, 1, 999, 1004, 1005, 1006, 1015, 1016,
          2999, 5000, 65535}[r.nextInt(11)], reason(r)), false);
      case "close-good-code" -> new Crafted(name, Frames.close(new int[] {1000, 1001, 1003, 3000, 4001, 4999}[
          r.nextInt(6)], reason(r)), false);
      case "close-1-byte" -> new Crafted(name, Frames.close(-1, new byte[] {(byte) r.nextInt(256)}), false);
      case "close-bad-utf8-reason" -> new Crafted(name, Frames.close(1000, new byte[] {'b', (byte) 0xc3, 'x',
          (byte) 0xff}), false);
      case "empty-text" -> new Crafted(name, Frames.text(""), true);
      case "binary-fragmented" -> new Crafted(name, fragments(r, Frames.BINARY, msg, 0), true);
      case "fragments-over-cap" -> {
        byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII); // valid text: only the size is wrong
        byte[][] parts = new byte[10][];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = Frames.fragment(i == parts.length - 1, i == 0 ? Frames.TEXT : Frames.CONTINUATION, chunk);
        }
        yield new Crafted(name, Frames.concat(parts), false);
      }
      case "ping-payload" -> new Crafted(name, Frames.data(Frames.PING, Messages.randomBytes(r, r.nextInt(126))), true);
      default -> { // a valid message whose fragments split a UTF-8 sequence: legal, must be reassembled
        byte[] text = "{\"type\":\"chat\",\"name\":\"nobody\",\"text\":\"é😀\"}".getBytes(StandardCharsets.UTF_8);
        int cut = 41 + r.nextInt(4);
        yield new Crafted(name, Frames.concat(Frames.fragment(false, Frames.TEXT, java.util.Arrays.copyOf(text, cut)),
            Frames.fragment(true, Frames.CONTINUATION, java.util.Arrays.copyOfRange(text, cut, text.length))), true);
      }
    };
  }

  /** A close reason: usually short text, sometimes too long for a control frame. */
  private static byte[] reason(SplittableRandom r) {
    return "x".repeat(r.nextInt(8) == 0 ? 124 + r.nextInt(10) : r.nextInt(20)).getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code msg} in 2–5 fragments; with {@code between} a control frame goes between each two. */
  private static byte[] fragments(SplittableRandom r, int opcode, byte[] msg, int between) {
    int n = Math.min(msg.length, 2 + r.nextInt(4));
    byte[][] parts = new byte[n * 2][];
    int from = 0;
    for (int i = 0; i < n; i++) {
      int to = i == n - 1 ? msg.length : from + (msg.length - from) / (n - i);
      parts[2 * i] = Frames.fragment(i == n - 1, i == 0 ? opcode : Frames.CONTINUATION,
          java.util.Arrays.copyOfRange(msg, from, to));
      parts[2 * i + 1] = between != 0 && i < n - 1 ? Frames.data(between, new byte[] {(byte) i}) : new byte[0];
      from = to;
    }
    return Frames.concat(parts);
  }
}
