package dev.peerphone.signaling.protocol;

import java.util.HashSet;
import java.util.Set;

/**
 * Turns one text frame into a {@link ClientMessage}, or a {@link ProtocolException} naming the
 * typed error. One strict streaming pass ({@link JsonScanner}), no JSON tree: payloads that are
 * only relayed (offer, answer, candidate) are cut out of the frame as they are. Stateless and
 * thread-safe.
 */
public final class MessageDecoder {
  private static final Set<String> KNOWN_TYPES =
      Set.of("login", "offer", "answer", "candidate", "leave", "call", "accept", "reject", "chat",
          "users", "ice", "find", "next", "stop", "ping", "peerjs");
  private static final Set<String> PEERJS_TYPES = Set.of("OFFER", "ANSWER", "CANDIDATE", "LEAVE");

  /** Decodes a text frame; never returns null. */
  public ClientMessage decode(String text) throws ProtocolException {
    Fields f = new Fields(text);
    scanObject(text, f);
    return toMessage(f);
  }

  private static ClientMessage toMessage(Fields f) throws ProtocolException {
    if (f.type == null) {
      checkType(f, "type");
      throw invalid("Missing string field \"type\"");
    }
    if (!KNOWN_TYPES.contains(f.type)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Command not found: " + f.type);
    }
    return switch (f.type) {
      case "login" -> new ClientMessage.Login(required(f, f.name, "name"), features(f).contains("ring"),
          optional(f, f.token, "token"), features(f).contains("peerjs"));
      case "peerjs" -> peerJs(f);
      case "offer" -> new ClientMessage.Offer(target(f), objectPayload(f, f.offer, "offer"));
      case "answer" -> new ClientMessage.Answer(target(f), objectPayload(f, f.answer, "answer"));
      case "candidate" -> new ClientMessage.Candidate(target(f), candidatePayload(f));
      case "leave" -> new ClientMessage.Leave(target(f));
      case "call" -> new ClientMessage.Call(target(f));
      case "accept" -> new ClientMessage.Accept(target(f));
      case "reject" -> new ClientMessage.Reject(target(f), rejectReason(f));
      case "chat" -> new ClientMessage.Chat(target(f), required(f, f.textField, "text"));
      case "users" -> new ClientMessage.Users();
      case "ice" -> new ClientMessage.Ice();
      case "find" -> new ClientMessage.Find();
      case "next" -> new ClientMessage.Next();
      case "stop" -> new ClientMessage.Stop();
      case "ping" -> new ClientMessage.Ping();
      default -> throw new IllegalStateException("type list and switch disagree: " + f.type);
    };
  }

  /** A login's features; missing or malformed counts as none (classic pages send none). */
  private static java.util.List<String> features(Fields f) {
    if (f.features == null || f.features.kind != JsonScanner.Kind.ARRAY) {
      return java.util.List.of();
    }
    try {
      return new JsonScanner(f.features.json).arrayStrings();
    } catch (JsonScanner.Malformed e) {
      return java.util.List.of(); // cannot happen: the message was scanned whole already
    }
  }

  /** {@code {type:"peerjs", name, message:{type, payload}}}: the inner type one of four, payload an object. */
  private static ClientMessage peerJs(Fields f) throws ProtocolException {
    String target = target(f);
    if (f.message == null || f.message.kind != JsonScanner.Kind.OBJECT) {
      throw invalid("Field \"message\" must be an object {type, payload}");
    }
    String[] inner = new String[2];
    boolean[] bad = new boolean[1];
    String json = f.message.json;
    try {
      new JsonScanner(json).scan((key, kind, decoded, start, end) -> {
        if (key.equals("type")) {
          inner[0] = kind == JsonScanner.Kind.STRING ? decoded : null;
        } else if (key.equals("payload")) {
          inner[1] = kind == JsonScanner.Kind.OBJECT ? json.substring(start, end) : null;
          bad[0] = kind != JsonScanner.Kind.OBJECT && kind != JsonScanner.Kind.NULL;
        }
      });
    } catch (JsonScanner.Malformed e) {
      throw invalid("Field \"message\" is not valid JSON"); // cannot happen: scanned whole already
    }
    if (inner[0] == null || !PEERJS_TYPES.contains(inner[0])) {
      throw invalid("Field \"message.type\" must be OFFER, ANSWER, CANDIDATE or LEAVE");
    }
    if (bad[0]) {
      throw invalid("Field \"message.payload\" must be an object");
    }
    return new ClientMessage.PeerJs(target, inner[0], inner[1]);
  }

  private static String target(Fields f) throws ProtocolException {
    return required(f, f.name, "name");
  }

  private static String required(Fields f, String value, String field) throws ProtocolException {
    checkType(f, field);
    if (value == null) {
      throw invalid("Missing string field \"" + field + "\"");
    }
    return value;
  }

  /** An optional string field: null when absent or null, an error when of another type. */
  private static String optional(Fields f, String value, String field) throws ProtocolException {
    checkType(f, field);
    return value;
  }

  private static String objectPayload(Fields f, Raw raw, String field) throws ProtocolException {
    if (raw == null || raw.kind != JsonScanner.Kind.OBJECT) {
      throw invalid("Field \"" + field + "\" must be an object {type, sdp}");
    }
    return raw.json;
  }

  private static String candidatePayload(Fields f) throws ProtocolException {
    Raw raw = f.candidate;
    if (raw == null || (raw.kind != JsonScanner.Kind.OBJECT && raw.kind != JsonScanner.Kind.NULL)) {
      throw invalid("Field \"candidate\" must be an object {candidate, sdpMid, sdpMLineIndex} or null");
    }
    return raw.json;
  }

  private static void checkType(Fields f, String field) throws ProtocolException {
    if (f.wrongTyped.contains(field)) {
      throw invalid("Field \"" + field + "\" must be a string");
    }
  }

  private static String rejectReason(Fields f) throws ProtocolException {
    checkType(f, "reason");
    String reason = f.reason;
    if (reason == null) {
      return "declined";
    }
    if (!reason.equals("busy") && !reason.equals("declined")) {
      throw invalid("Field \"reason\" must be \"busy\" or \"declined\"");
    }
    return reason;
  }

  /**
   * Scans {@code text}, which must be one JSON object, into {@code members}: else
   * {@code invalid-json} or {@code invalid-message} (shared with the PeerJS frames' decoder).
   */
  public static void scanObject(String text, JsonScanner.Members members) throws ProtocolException {
    boolean object;
    try {
      object = new JsonScanner(text).scan(members);
    } catch (JsonScanner.Malformed e) {
      throw new ProtocolException(ErrorCode.INVALID_JSON, "Invalid JSON: " + e.getMessage());
    }
    if (!object) {
      throw invalid("A message must be a JSON object with a \"type\"");
    }
  }

  private static ProtocolException invalid(String message) {
    return new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
  }

  private record Raw(JsonScanner.Kind kind, String json) {}

  /** The fields of one message as read, before the type decides which are required. */
  private static final class Fields implements JsonScanner.Members {
    final String text;
    String type;
    String name;
    String textField;
    String reason;
    String token;
    Raw offer;
    Raw answer;
    Raw candidate;
    Raw features;
    Raw message;
    final Set<String> wrongTyped = new HashSet<>(2);

    Fields(String text) {
      this.text = text;
    }

    @Override
    public void member(String key, JsonScanner.Kind kind, String decoded, int start, int end) {
      switch (key) {
        case "type" -> type = stringOrNote(key, kind, decoded);
        case "name" -> name = stringOrNote(key, kind, decoded);
        case "text" -> textField = stringOrNote(key, kind, decoded);
        case "reason" -> reason = stringOrNote(key, kind, decoded);
        case "token" -> token = stringOrNote(key, kind, decoded);
        case "offer" -> offer = new Raw(kind, text.substring(start, end));
        case "answer" -> answer = new Raw(kind, text.substring(start, end));
        case "candidate" -> candidate = new Raw(kind, text.substring(start, end));
        case "features" -> features = new Raw(kind, text.substring(start, end));
        case "message" -> message = new Raw(kind, text.substring(start, end));
        default -> { } // unknown fields are ignored, as browsers add their own
      }
    }

    /** A string field's value, or null after noting a wrong type (null counts as absent). */
    private String stringOrNote(String key, JsonScanner.Kind kind, String decoded) {
      if (kind == JsonScanner.Kind.STRING) {
        return decoded;
      }
      if (kind != JsonScanner.Kind.NULL) {
        wrongTyped.add(key);
      }
      return null;
    }
  }
}
