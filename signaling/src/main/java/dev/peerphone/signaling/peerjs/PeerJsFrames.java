package dev.peerphone.signaling.peerjs;

import dev.peerphone.signaling.protocol.ErrorCode;
import dev.peerphone.signaling.protocol.JsonScanner;
import dev.peerphone.signaling.protocol.ServerMessages;

/**
 * Every frame the PeerServer mode sends, as JSON text, spelled as PeerServer 1.0.2 spells it
 * (its {@code enums.ts}): same types, same {@code payload.msg} texts, same member order.
 */
public final class PeerJsFrames {
  public static final String OPEN = "{\"type\":\"OPEN\"}";
  public static final String ID_TAKEN = "{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}";

  /** PeerServer's error texts; ours are added below them. */
  public static final String INVALID_KEY = "Invalid key provided";
  public static final String INVALID_WS_PARAMETERS = "No id, token, or key supplied to websocket server";
  public static final String CONNECTION_LIMIT_EXCEED = "Server has reached its concurrent user limit";

  private PeerJsFrames() {}

  /** {@code {type:"ERROR", payload:{msg}}}: fatal for a PeerJS page (its peer is destroyed). */
  public static String error(String msg) {
    return "{\"type\":\"ERROR\",\"payload\":{\"msg\":" + ServerMessages.quote(msg) + "}}";
  }

  /**
   * Our answer to bad input that leaves the connection open: a type PeerJS does not know, whose
   * payload has no {@code connectionId}, so a page logs a warning and carries on (peerjs 1.5.5
   * {@code _handleMessage}, default branch). {@code code} is one of PROTOCOL.md's error codes.
   */
  public static String badMessage(ErrorCode code, String msg) {
    return "{\"type\":\"BAD-MESSAGE\",\"payload\":{\"code\":\"" + code.wire() + "\",\"msg\":"
        + ServerMessages.quote(msg) + "}}";
  }

  /** A relayed message, {@code src} stamped: {@code {type, src, dst, payload}} (payload omitted when null). */
  public static String relay(String type, String quotedSrc, String quotedDst, String payloadJson) {
    StringBuilder out = new StringBuilder(48 + quotedSrc.length() + quotedDst.length()
        + (payloadJson == null ? 0 : payloadJson.length()));
    out.append("{\"type\":\"").append(type).append("\",\"src\":").append(quotedSrc).append(",\"dst\":")
        .append(quotedDst);
    if (payloadJson != null) {
      out.append(",\"payload\":").append(payloadJson);
    }
    return out.append('}').toString();
  }

  /** {@code EXPIRE} to the sender of a message nobody took: src is the absent id. */
  public static String expire(String quotedAbsent, String quotedSender) {
    return relay("EXPIRE", quotedAbsent, quotedSender, null);
  }

  /**
   * The type the server's call bookkeeping ("busy") sees for a relayed PeerJS message, else
   * {@code "NO-CALL"}: an {@code OFFER} starts a call unless it is a DataConnection's (payload
   * {@code type} "data": chat alone makes nobody busy, and a page closing one tells nobody); an
   * {@code ANSWER} counts only for a media connection (payload {@code type} "media", as PeerJS 1.5
   * and our clients send it), so a stray one cannot leave two users busy.
   */
  public static String tracked(String type, String payloadJson) {
    if (!(type.equals("OFFER") || type.equals("ANSWER"))) {
      return type;
    }
    String[] kind = {null};
    try {
      if (payloadJson != null) {
        new JsonScanner(payloadJson).scan((key, k, decoded, start, end) -> {
          if (key.equals("type") && k == JsonScanner.Kind.STRING) {
            kind[0] = decoded;
          }
        });
      }
    } catch (JsonScanner.Malformed e) {
      kind[0] = null;
    }
    boolean call = type.equals("OFFER") ? !"data".equals(kind[0]) : "media".equals(kind[0]);
    return call ? type : "NO-CALL";
  }
}
