package dev.peerphone.signaling.peerjs;

import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.JsonScanner;
import dev.peerphone.signaling.protocol.MessageDecoder;
import dev.peerphone.signaling.protocol.ProtocolException;
import java.util.Set;

/**
 * One frame a PeerJS client sent, checked: {@code type} is one PeerServer handles, {@code dst}
 * is present for the relayed types, and {@code payload} is kept as its raw JSON (relayed as it
 * is). A {@code src} the client wrote is ignored: the server stamps the sender.
 *
 * @param dst the target id as the client wrote it; null for {@code HEARTBEAT}
 * @param payloadJson the payload's JSON text, or null when absent or null
 */
public record PeerJsMessage(String type, String dst, String payloadJson) {
  public static final String HEARTBEAT = "HEARTBEAT";
  /** What PeerServer relays: {@code OFFER}, {@code ANSWER}, {@code CANDIDATE}, {@code LEAVE}, {@code EXPIRE}. */
  public static final Set<String> RELAYED = Set.of("OFFER", "ANSWER", "CANDIDATE", "LEAVE", "EXPIRE");

  public boolean heartbeat() {
    return type.equals(HEARTBEAT);
  }

  /** Decodes a text frame; bad input is a {@link ProtocolException} with PROTOCOL.md's code. */
  public static PeerJsMessage decode(String text) throws ProtocolException {
    Fields f = new Fields(text);
    MessageDecoder.scanObject(text, f);
    if (f.type == null) {
      throw invalid("Missing string field \"type\"");
    }
    if (f.type.equals(HEARTBEAT)) {
      return new PeerJsMessage(HEARTBEAT, null, null);
    }
    if (!RELAYED.contains(f.type)) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, "Command not found: " + f.type);
    }
    if (f.dst == null) {
      throw invalid("Missing string field \"dst\"");
    }
    if (f.badPayload) {
      throw invalid("Field \"payload\" must be an object");
    }
    return new PeerJsMessage(f.type, f.dst, f.payload);
  }

  private static ProtocolException invalid(String message) {
    return new ProtocolException(ErrorCode.INVALID_MESSAGE, message);
  }

  private static final class Fields implements JsonScanner.Members {
    private final String text;
    String type;
    String dst;
    String payload;
    boolean badPayload;

    Fields(String text) {
      this.text = text;
    }

    @Override
    public void member(String key, JsonScanner.Kind kind, String decoded, int start, int end) {
      switch (key) {
        case "type" -> type = kind == JsonScanner.Kind.STRING ? decoded : null;
        case "dst" -> dst = kind == JsonScanner.Kind.STRING ? decoded : null;
        case "payload" -> {
          payload = kind == JsonScanner.Kind.OBJECT ? text.substring(start, end) : null;
          badPayload = kind != JsonScanner.Kind.OBJECT && kind != JsonScanner.Kind.NULL;
        }
        default -> { } // src and anything else: ignored, the server stamps src
      }
    }
  }
}
