package dev.peerphone.app.call;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Peer-to-peer control messages on the {@code peerphone-control} DataChannel (kept off the chat
 * channel so browsers never show them as chat): {@code {"peerphone":"track","kind":"video",
 * "paused":true}} and {@code {"peerphone":"bye"}}. Pure functions, any thread.
 */
final class Control {
  private Control() {}

  sealed interface Message {}

  record Track(String kind, boolean paused) implements Message {}

  record Bye() implements Message {}

  record Invalid(String why) implements Message {}

  static String track(String kind, boolean paused) {
    JsonObject o = new JsonObject();
    o.addProperty("peerphone", "track");
    o.addProperty("kind", kind);
    o.addProperty("paused", paused);
    return o.toString();
  }

  static String bye() {
    return "{\"peerphone\":\"bye\"}";
  }

  /** True if {@code text} looks like a control message (so it is not shown as chat). */
  static boolean isControl(String text) {
    return text.startsWith("{\"peerphone\":");
  }

  static Message parse(String json) {
    try {
      JsonElement e = JsonParser.parseString(json);
      if (!e.isJsonObject()) {
        return new Invalid("control message is not an object");
      }
      JsonObject o = e.getAsJsonObject();
      String type = o.has("peerphone") ? o.get("peerphone").getAsString() : "";
      switch (type) {
        case "bye":
          return new Bye();
        case "track":
          String kind = o.get("kind").getAsString();
          if (!kind.equals("audio") && !kind.equals("video")) {
            return new Invalid("unknown track kind " + kind);
          }
          return new Track(kind, o.get("paused").getAsBoolean());
        default:
          return new Invalid("unknown control message " + type);
      }
    } catch (RuntimeException ex) {
      return new Invalid("malformed control message: " + ex.getMessage());
    }
  }
}
