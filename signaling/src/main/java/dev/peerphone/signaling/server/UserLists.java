package dev.peerphone.signaling.server;

import dev.peerphone.signaling.protocol.ServerMessages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presence list ({@code users}): the first {@code maxListed} logged-in users in login order
 * with their status, as sent in login replies, on request and in pushes. On a single node, this
 * node's users; on a cluster node ({@link Directory#clustered}), the cluster's: each push
 * writes this node's changes and reads one page in one round trip, and between pushes the lists
 * show that page with this node's own users as they are now (new ones at the end). Confined to
 * the core thread, like the hub whose users it lists.
 */
final class UserLists {
  private final Map<String, Session> byKey;
  private final int maxListed;
  private final Directory directory;
  /** The last presence push, to skip pushes nobody could tell apart from it. */
  private String lastPushed;
  /** What the last push sent, all users together (see {@link Presence#BYTES_PER_SECOND}). */
  private long lastSentBytes;
  /** Cluster only: this node's entries as last written to the directory. */
  private final Map<String, String> written = new HashMap<>();
  /** Cluster only: the last page read from the directory; null before the first. */
  private List<Directory.Listed> page;

  UserLists(Map<String, Session> byKey, int maxListed, Directory directory) {
    this.byKey = byKey;
    this.maxListed = maxListed;
    this.directory = directory;
  }

  /**
   * Sends the list to everyone, unless it reads exactly as the last push: beyond the listing cap
   * a login storm changes nothing anyone can see, and pushing anyway costs users × list bytes
   * per push. New users get the current list in their login reply. Returns the bytes sent, all
   * users together (see {@link Presence#BYTES_PER_SECOND}).
   */
  long push() {
    if (!directory.clustered()) {
      return send();
    }
    Map<String, String> changes = new HashMap<>();
    for (Session s : byKey.values()) {
      String entry = entry(s);
      if (!entry.equals(written.get(s.key))) {
        changes.put(s.key, entry);
      }
    }
    for (String key : written.keySet()) {
      if (!byKey.containsKey(key)) {
        changes.put(key, null);
      }
    }
    directory.presence(changes, maxListed, read -> {
      if (read != null) {
        changes.forEach((key, entry) -> {
          if (entry == null) {
            written.remove(key);
          } else {
            written.put(key, entry);
          }
        });
        page = read;
      }
      send();
    });
    return lastSentBytes; // this push's size is known only once the page is read: the last one's
  }

  /** The directory lost what this node wrote (Redis restarted): the next push writes it all again. */
  void rewrite() {
    written.clear();
  }

  /** Sends the list to everyone unless unchanged; returns the bytes sent, all users together. */
  private long send() {
    String message = message();
    if (message.equals(lastPushed)) {
      return lastSentBytes = 0;
    }
    lastPushed = message;
    Link.Encoded encoded = Link.encode(message);
    int sent = 0;
    for (Session s : byKey.values()) {
      if (!s.isPeerJs()) { // PeerJS clients get PeerServer's frames only
        s.link.send(encoded);
        sent++;
      }
    }
    return lastSentBytes = (long) encoded.utf8().length * sent;
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
    Set<String> seen = page == null ? null : new HashSet<>();
    if (page != null) {
      for (Directory.Listed l : page) {
        if (listed == maxListed) {
          break;
        }
        Session local = byKey.get(l.key());
        if (local == null && written.containsKey(l.key())) {
          continue; // left this node since the page was read
        }
        seen.add(l.key());
        if (listed++ > 0) {
          out.append(',');
        }
        if (local == null) {
          out.append(l.json());
        } else {
          entry(out, local);
        }
      }
    }
    for (Session s : byKey.values()) {
      if (listed == maxListed) {
        break;
      }
      if (seen == null || !seen.contains(s.key)) {
        if (listed++ > 0) {
          out.append(',');
        }
        entry(out, s);
      }
    }
    return out.append(']').toString();
  }

  /**
   * For a cluster node's {@code …/peers}: the PeerJS ids of the last page read (marked
   * {@code peerjs}), and this node's PeerJS clients and Peerphone users that take PeerJS calls
   * (whether another node's Peerphone users take them is not in the list).
   */
  List<String> peerJsCallable() {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Directory.Listed l : page == null ? List.<Directory.Listed>of() : page) {
      Session local = byKey.get(l.key());
      if (local != null) {
        seen.add(l.key());
        if (local.isPeerJs() || local.acceptsPeerJs) {
          names.add(local.name);
        }
      } else if (!written.containsKey(l.key()) && l.json().endsWith(",\"peerjs\":true}")
          && l.json().startsWith(NAME_PREFIX)) {
        int end = l.json().indexOf("\",\"status\"");
        if (end > NAME_PREFIX.length()) {
          names.add(l.json().substring(NAME_PREFIX.length(), end)); // ids hold no character JSON escapes
        }
      }
    }
    for (Session s : byKey.values()) {
      if (!seen.contains(s.key) && (s.isPeerJs() || s.acceptsPeerJs)) {
        names.add(s.name);
      }
    }
    return names;
  }

  private static final String NAME_PREFIX = "{\"name\":\"";

  private static String entry(Session s) {
    return entry(new StringBuilder(48), s).toString();
  }

  private static StringBuilder entry(StringBuilder out, Session s) {
    out.append("{\"name\":").append(s.quotedName).append(",\"status\":\"").append(s.status()).append('"');
    return out.append(s.isPeerJs() ? ",\"peerjs\":true}" : "}");
  }
}
