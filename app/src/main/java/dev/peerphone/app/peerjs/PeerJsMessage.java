package dev.peerphone.app.peerjs;

import com.google.gson.JsonObject;

/**
 * One PeerJS signaling message between two peers: {@code type} is {@code OFFER}, {@code ANSWER},
 * {@code CANDIDATE}, {@code LEAVE} or {@code EXPIRE}; {@code peer} is the other side (the
 * server-stamped {@code src} of a message we receive, the {@code dst} of one we send);
 * {@code payload} as PeerJS 1.5.5 sends it ({@code sdp}, {@code type}, {@code connectionId}, ...).
 */
public record PeerJsMessage(String type, String peer, JsonObject payload) {
  public static final String OFFER = "OFFER";
  public static final String ANSWER = "ANSWER";
  public static final String CANDIDATE = "CANDIDATE";
  public static final String LEAVE = "LEAVE";
  public static final String EXPIRE = "EXPIRE";

  /** The payload's {@code connectionId}, or null. */
  public String connectionId() {
    return str(payload, "connectionId");
  }

  static String str(JsonObject o, String field) {
    if (o == null || !o.has(field) || !o.get(field).isJsonPrimitive()) {
      return null;
    }
    return o.get(field).getAsString();
  }
}
