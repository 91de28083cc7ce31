package dev.peerphone.fuzz;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.peerphone.signaling.protocol.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reply oracle: every text frame the server sends must be valid UTF-8 holding one JSON
 * object whose {@code type} the protocol defines; an {@code error} must carry a code from
 * {@link ErrorCode} and a message. Counts replies by type, errors by code, refusals by cause
 * and closes by code into the {@link Tally}.
 */
final class Replies {
  static final Set<String> SERVER_TYPES = Set.of("login", "users", "pong", "error", "offer", "answer",
      "candidate", "leave", "call", "accept", "reject", "chat", "match", "ice");
  static final Set<String> ERROR_CODES =
      Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());

  private final Tally tally;

  Replies(Tally tally) {
    this.tally = tally;
  }

  /** Error codes the server counts as strikes (more than 20 in 10 s: close 1008). */
  static final Set<String> STRIKES = Set.of("invalid-json", "invalid-message", "unknown-type",
      "binary-not-supported", "rate-limited");

  /**
   * Checks one text frame; returns its type ({@code error:<code>} for errors), or null when it
   * is not a protocol message.
   */
  String check(byte[] payload) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      tally.fail("oracle.bad-reply", "invalid UTF-8 in a text frame");
      return null;
    }
    JsonObject m;
    try {
      JsonElement e = JsonParser.parseString(text);
      if (!e.isJsonObject()) {
        tally.fail("oracle.bad-reply", "not an object: " + text);
        return null;
      }
      m = e.getAsJsonObject();
    } catch (RuntimeException e) {
      tally.fail("oracle.bad-reply", "not JSON: " + text);
      return null;
    }
    JsonElement typeElement = m.get("type");
    String type = typeElement != null && typeElement.isJsonPrimitive() ? typeElement.getAsString() : null;
    if (type == null || !SERVER_TYPES.contains(type)) {
      tally.fail("oracle.bad-reply", "unknown type: " + text);
      return null;
    }
    tally.add("replies." + type);
    if (type.equals("error")) {
      JsonElement code = m.get("code");
      JsonElement message = m.get("message");
      if (code == null || !code.isJsonPrimitive() || !ERROR_CODES.contains(code.getAsString())
          || message == null || !message.isJsonPrimitive()) {
        tally.fail("oracle.bad-reply", "untyped error: " + text);
        return null;
      }
      tally.add("errors." + code.getAsString());
      type = "error:" + code.getAsString();
      if (code.getAsString().equals("rate-limited")) {
        String why = message.getAsString();
        tally.add("refused." + (why.startsWith("Slow down") ? "message-rate"
            : why.startsWith("Too many logins") ? "logins-per-address"
            : why.startsWith("Too many names") ? "names-per-address"
            : why.startsWith("Too many connections") ? "connections-per-address" : "other-rate-limit"));
      }
    }
    return type;
  }

  /** A frame no WebSocket server may send to a client (masked, RSV bits, unknown opcode, absurd length). */
  void badFrame(String detail) {
    tally.fail("oracle.bad-reply", detail);
  }

  void close(int code) {
    tally.add("closes." + code);
  }

  /** A non-101 answer to an upgrade: counted by status, a 503 by the cause its body names. */
  void httpResponse(String head, String body) {
    String status = head.length() >= 12 && head.startsWith("HTTP/1.") ? head.substring(9, 12) : "none";
    tally.add("http." + status);
    if (status.equals("503")) {
      tally.add("refused." + (body.contains("your address") ? "connections-per-address"
          : body.contains("Server full") ? "server-full" : "503-other"));
    }
  }
}
