package dev.peerphone.signaling.protocol;

/**
 * Builds every message the server sends, as JSON text. Relays are assembled from the sender's
 * pre-quoted name and the payload's raw JSON, so relaying never re-serialises a tree.
 */
public final class ServerMessages {
  public static final String PONG = "{\"type\":\"pong\"}";

  private ServerMessages() {}

  /** A JSON string literal for {@code s}, escaping quotes, backslashes and control characters. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    appendQuoted(out, s);
    return out.toString();
  }

  public static void appendQuoted(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          // U+2028/2029 are valid JSON but break some JavaScript parsers; escape them too.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** offer / answer / candidate as the target receives it: {type, name:sender, type:payload}. */
  public static String signal(String type, String quotedSender, String payloadJson) {
    return new StringBuilder(type.length() * 2 + quotedSender.length() + payloadJson.length() + 32)
        .append("{\"type\":\"").append(type).append("\",\"name\":").append(quotedSender)
        .append(",\"").append(type).append("\":").append(payloadJson).append('}')
        .toString();
  }

  /** leave / call / accept: {type, name:sender}. */
  public static String fromSender(String type, String quotedSender) {
    return "{\"type\":\"" + type + "\",\"name\":" + quotedSender + "}";
  }

  /** The server's accept on behalf of a classic page: {type:"accept", name:target, auto:true}. */
  public static String autoAccept(String quotedTarget) {
    return "{\"type\":\"accept\",\"name\":" + quotedTarget + ",\"auto\":true}";
  }

  public static String reject(String quotedSender, String reason) {
    return "{\"type\":\"reject\",\"name\":" + quotedSender + ",\"reason\":" + quote(reason) + "}";
  }

  public static String chat(String quotedSender, String text) {
    StringBuilder out = new StringBuilder(text.length() + 48);
    out.append("{\"type\":\"chat\",\"name\":").append(quotedSender).append(",\"text\":");
    appendQuoted(out, text);
    return out.append('}').toString();
  }

  /**
   * {@code relayOnly} is the operator's ICE policy, sent as {@code iceTransportPolicy};
   * {@code token} the client's resume token (base64url, so it needs no escaping).
   */
  public static String loginSuccess(String quotedName, String usersArrayJson, String iceServersJson,
      boolean relayOnly, String token) {
    return "{\"type\":\"login\",\"success\":true,\"name\":" + quotedName + ",\"users\":" + usersArrayJson
        + ",\"iceServers\":" + iceServersJson + ",\"iceTransportPolicy\":" + policy(relayOnly)
        + ",\"token\":" + quote(token) + "}";
  }

  /** The reply to {@code ice}: fresh credentials and the policy. */
  public static String ice(String iceServersJson, boolean relayOnly) {
    return "{\"type\":\"ice\",\"iceServers\":" + iceServersJson + ",\"iceTransportPolicy\":"
        + policy(relayOnly) + "}";
  }

  private static String policy(boolean relayOnly) {
    return relayOnly ? "\"relay\"" : "\"all\"";
  }

  public static String loginFailure(String reason) {
    return "{\"type\":\"login\",\"success\":false,\"reason\":" + quote(reason) + "}";
  }

  public static String users(String usersArrayJson) {
    return "{\"type\":\"users\",\"users\":" + usersArrayJson + "}";
  }

  public static String match(String quotedPartner, boolean initiator) {
    return "{\"type\":\"match\",\"name\":" + quotedPartner + ",\"initiator\":" + initiator + "}";
  }

  public static String error(ErrorCode code, String message) {
    return "{\"type\":\"error\",\"code\":\"" + code.wire() + "\",\"message\":" + quote(message) + "}";
  }

  /** unknown-user also names the target that is not online. */
  public static String unknownUser(String target) {
    return "{\"type\":\"error\",\"code\":\"" + ErrorCode.UNKNOWN_USER.wire() + "\",\"message\":"
        + quote("User not online: " + target) + ",\"name\":" + quote(target) + "}";
  }
}
