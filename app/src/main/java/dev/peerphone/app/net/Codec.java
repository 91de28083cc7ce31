package dev.peerphone.app.net;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.IceServer;
import dev.peerphone.app.call.SessionDescription;
import dev.peerphone.app.call.Signal;
import dev.peerphone.app.call.UserStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of PROTOCOL.md: parses server frames into {@link Signal}s (a frame that does not
 * fit becomes a {@link Signal.Error} with code {@code invalid-message}, never an exception) and
 * encodes what the client sends. Pure functions, any thread.
 */
public final class Codec {
  private Codec() {}

  /** Parses one text frame; returns null for frames the client ignores ({@code pong}). */
  public static Signal parse(String frame) {
    JsonObject o;
    try {
      JsonElement e = JsonParser.parseString(frame);
      if (!e.isJsonObject()) {
        return invalid("server frame is not a JSON object");
      }
      o = e.getAsJsonObject();
    } catch (RuntimeException ex) {
      return invalid("server frame is not JSON: " + ex.getMessage());
    }
    try {
      String type = str(o, "type");
      return switch (type) {
        case "login" -> o.has("success") && o.get("success").getAsBoolean()
            ? new Signal.LoggedIn(str(o, "name"), users(o), iceServers(o), relayPolicy(o))
            : new Signal.LoginFailed(opt(o, "reason"));
        case "users" -> new Signal.Users(users(o));
        case "ice" -> new Signal.Ice(iceServers(o), relayPolicy(o));
        case "offer" -> new Signal.Offer(str(o, "name"), description(o, "offer"));
        case "answer" -> new Signal.Answer(str(o, "name"), description(o, "answer"));
        case "candidate" -> new Signal.Candidate(str(o, "name"), candidate(o));
        case "leave" -> new Signal.Leave(str(o, "name"));
        case "call" -> new Signal.Ring(str(o, "name"));
        case "accept" -> new Signal.Accept(str(o, "name"));
        case "reject" -> new Signal.Reject(str(o, "name"), opt(o, "reason"));
        case "chat" -> new Signal.Chat(str(o, "name"), str(o, "text"));
        case "match" -> new Signal.Match(str(o, "name"), flag(o, "initiator"), flag(o, "peerjs"));
        case "peerjs" -> peerjs(o);
        case "error" -> new Signal.Error(str(o, "code"), opt(o, "message"), opt(o, "name"));
        case "pong" -> null;
        default -> new Signal.Error("unknown-type", "Unknown message type from server: " + type, null);
      };
    } catch (RuntimeException ex) {
      return invalid("malformed server message: " + ex.getMessage());
    }
  }

  /** The bridge's envelope; its message must be an object with a string type and an object payload. */
  private static Signal peerjs(JsonObject o) {
    JsonElement m = o.get("message");
    if (m == null || !m.isJsonObject()) {
      throw new IllegalArgumentException("peerjs without a 'message' object");
    }
    JsonElement payload = m.getAsJsonObject().get("payload");
    return new Signal.PeerJs(str(o, "name"), str(m.getAsJsonObject(), "type"),
        payload != null && payload.isJsonObject() ? payload.toString() : "{}");
  }

  /** A boolean field, false when absent or not a boolean. */
  private static boolean flag(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
  }

  /** {@code {type:"peerjs", name, message:{type, payload}}}: a PeerJS message for {@code peer} through the bridge. */
  public static String peerjs(String peer, String type, String payloadJson) {
    JsonObject message = new JsonObject();
    message.addProperty("type", type);
    message.add("payload", JsonParser.parseString(payloadJson));
    JsonObject o = message("peerjs", peer);
    o.add("message", message);
    return o.toString();
  }

  private static Signal invalid(String why) {
    return new Signal.Error("invalid-message", why, null);
  }

  private static String str(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new IllegalArgumentException("missing or non-string '" + field + "'");
    }
    return e.getAsString();
  }

  private static String opt(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static SessionDescription description(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || !e.isJsonObject()) {
      throw new IllegalArgumentException("missing '" + field + "' object");
    }
    JsonObject d = e.getAsJsonObject();
    String type = d.has("type") ? str(d, "type") : field;
    return new SessionDescription(type, str(d, "sdp"));
  }

  private static IceCandidate candidate(JsonObject o) {
    JsonElement e = o.get("candidate");
    if (e == null || e.isJsonNull()) {
      return null; // end of candidates
    }
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException("'candidate' is not an object");
    }
    JsonObject c = e.getAsJsonObject();
    int index = c.has("sdpMLineIndex") && !c.get("sdpMLineIndex").isJsonNull() ? c.get("sdpMLineIndex").getAsInt() : 0;
    return new IceCandidate(opt(c, "candidate"), opt(c, "sdpMid"), index);
  }

  private static List<UserStatus> users(JsonObject o) {
    List<UserStatus> list = new ArrayList<>();
    JsonElement e = o.get("users");
    if (e != null && e.isJsonArray()) {
      for (JsonElement u : e.getAsJsonArray()) {
        JsonObject uo = u.getAsJsonObject();
        list.add(new UserStatus(str(uo, "name"), opt(uo, "status"), flag(uo, "peerjs")));
      }
    }
    return list;
  }

  /**
   * {@code iceTransportPolicy}: {@code "relay"} → true, {@code "all"} or absent (older servers) →
   * false; anything else is a malformed message.
   */
  private static boolean relayPolicy(JsonObject o) {
    String policy = opt(o, "iceTransportPolicy");
    if (policy == null || policy.equals("all")) {
      return false;
    }
    if (policy.equals("relay")) {
      return true;
    }
    throw new IllegalArgumentException("unknown iceTransportPolicy '" + policy + "'");
  }

  private static List<IceServer> iceServers(JsonObject o) {
    List<IceServer> list = new ArrayList<>();
    JsonElement e = o.get("iceServers");
    if (e != null && e.isJsonArray()) {
      for (JsonElement s : e.getAsJsonArray()) {
        JsonObject so = s.getAsJsonObject();
        List<String> urls = new ArrayList<>();
        JsonElement u = so.get("urls");
        if (u != null && u.isJsonArray()) {
          u.getAsJsonArray().forEach(x -> urls.add(x.getAsString()));
        } else if (u != null) {
          urls.add(u.getAsString());
        }
        list.add(new IceServer(urls, opt(so, "username"), opt(so, "credential")));
      }
    }
    return list;
  }

  // ---- encoding ----

  /** Login, announcing that we handle call/accept/reject (PROTOCOL v1.1, Features). */
  static String login(String name) {
    return login(name, null);
  }

  /**
   * Login as {@link #login(String)}, presenting the resume {@code token} of our last login when
   * not null (PROTOCOL v1.1, Resuming).
   */
  static String login(String name, String token) {
    JsonObject o = message("login", name);
    com.google.gson.JsonArray features = new com.google.gson.JsonArray();
    features.add("ring");
    features.add("peerjs"); // we speak PeerJS to PeerJS users through the server's bridge (docs/PEERJS.md)
    o.add("features", features);
    if (token != null) {
      o.addProperty("token", token);
    }
    return o.toString();
  }

  /**
   * The resume token of a successful login reply, or null (a server before v1.1, or not such a
   * reply). Kept apart from {@link Signal.LoggedIn} so the secret never reaches listeners or logs.
   */
  static String loginToken(String frame) {
    try {
      JsonObject o = JsonParser.parseString(frame).getAsJsonObject();
      JsonElement token = o.get("token");
      return token != null && token.isJsonPrimitive() && token.getAsJsonPrimitive().isString()
          ? token.getAsString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static JsonObject message(String type, String name) {
    JsonObject o = new JsonObject();
    o.addProperty("type", type);
    if (name != null) {
      o.addProperty("name", name);
    }
    return o;
  }

  static String description(String type, String peer, SessionDescription d) {
    JsonObject o = message(type, peer);
    JsonObject sd = new JsonObject();
    sd.addProperty("type", d.type());
    sd.addProperty("sdp", d.sdp());
    o.add(type, sd);
    return o.toString();
  }

  static String candidate(String peer, IceCandidate c) {
    JsonObject o = message("candidate", peer);
    if (c == null) {
      o.add("candidate", com.google.gson.JsonNull.INSTANCE);
    } else {
      JsonObject co = new JsonObject();
      co.addProperty("candidate", c.candidate());
      co.addProperty("sdpMid", c.sdpMid());
      co.addProperty("sdpMLineIndex", c.sdpMLineIndex());
      o.add("candidate", co);
    }
    return o.toString();
  }

  static String withField(String type, String peer, String field, String value) {
    JsonObject o = message(type, peer);
    if (value != null) {
      o.addProperty(field, value);
    }
    return o.toString();
  }

}
