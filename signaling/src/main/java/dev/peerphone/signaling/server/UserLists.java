package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ServerMessages;
import java.util.Map;

/**
 * The presence list ({@code users}): the first {@code maxListed} logged-in users in login order
 * with their status, as sent in login replies, on request and in pushes. Confined to the core
 * thread, like the hub whose users it lists.
 */
final class UserLists {
  private final Map<String, Session> byKey;
  private final int maxListed;
  /** The last presence push, to skip pushes nobody could tell apart from it. */
  private String lastPushed;

  UserLists(Map<String, Session> byKey, int maxListed) {
    this.byKey = byKey;
    this.maxListed = maxListed;
  }

  /**
   * Sends the list to everyone, unless it reads exactly as the last push: beyond the listing cap
   * a login storm changes nothing anyone can see, and pushing anyway costs users × list bytes
   * per push. New users get the current list in their login reply. Returns the bytes sent, all
   * users together (see {@link Presence#BYTES_PER_SECOND}).
   */
  long push() {
    String message = message();
    if (message.equals(lastPushed)) {
      return 0;
    }
    lastPushed = message;
    Link.Encoded encoded = Link.encode(message);
    for (Session s : byKey.values()) {
      s.link.send(encoded);
    }
    return (long) encoded.utf8().length * byKey.size();
  }

  /** {@code {type:"users", users:[…]}}. */
  String message() {
    return ServerMessages.users(array());
  }

  /** The JSON array of {@code {name, status}}. */
  String array() {
    StringBuilder out = new StringBuilder(32 + 48 * Math.min(byKey.size(), maxListed));
    out.append('[');
    int listed = 0;
    for (Session s : byKey.values()) {
      if (listed == maxListed) {
        break;
      }
      if (listed++ > 0) {
        out.append(',');
      }
      out.append("{\"name\":").append(s.quotedName).append(",\"status\":\"").append(s.status())
          .append("\"}");
    }
    return out.append(']').toString();
  }
}
