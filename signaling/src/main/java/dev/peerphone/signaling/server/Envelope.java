package dev.peerphone.signaling.server;

/**
 * A message between nodes: {@code TYPE \n SENDER-KEY \n JSON}, where JSON is exactly what the
 * target's client is sent (already stamped with the sender) and TYPE tells the receiving node
 * how the message changes call and ringing state. Names cannot contain a line break, so the
 * first two lines are unambiguous; the JSON is never parsed again.
 *
 * <p>Types: the relayed wire types ({@code offer}, {@code answer}, {@code candidate},
 * {@code leave}, {@code call}, {@code accept}, {@code reject}, {@code chat}), plus
 * {@link #REPLY}: the server's own answer for a classic page (auto-accept or busy), which
 * changes no state but ends the caller's ringing; {@link #BOND_CALL} and {@link #BOND_RING}, never
 * delivered to a client, which tell a resumed user's new node of its calls and ringing.
 */
record Envelope(String type, String senderKey, String json, long sentMillis) {
  static final String REPLY = "reply";
  /** From a peer in a call with the target, after the target resumed on a new node (empty JSON). */
  static final String BOND_CALL = "bond-call";
  /** From a peer ringing with the target, after the target resumed on a new node (empty JSON). */
  static final String BOND_RING = "bond-ring";
  /** From the roulette partner of the target, after the target resumed on a new node (empty JSON). */
  static final String BOND_ROULETTE = "bond-roulette";
  /** The roulette paired the target with the sender (JSON: the match message). */
  static final String MATCH = "match";
  /** The sender left the target, its roulette partner, by next (JSON: a leave message). */
  static final String ROULETTE_LEAVE = "rleave";
  /** As {@link #ROULETTE_LEAVE}, but the partner left by {@code stop}: no "just left" bond. */
  static final String ROULETTE_STOP = "rstop";
  /**
   * A page's {@code /find} (served by any node) left the target, that page, waiting in the queue
   * (JSON: its arrival number): its node shows it {@code matching}. Never delivered to a client.
   */
  static final String ROULETTE_QUEUED = "rqueued";

  /**
   * {@code TYPE@MILLIS \n SENDER \n JSON}: MILLIS is the sending node's {@code sentMillis}, by
   * the cluster's clock ({@link Directory#clusterMillis}), so the receiving node can drop a message
   * that Redis delivers late (a publish that timed out while Redis was frozen runs once it thaws).
   * Envelopes made inside Redis (roulette) carry no time.
   */
  static String encode(String type, String senderKey, String json, long sentMillis) {
    String stamp = Long.toString(sentMillis);
    return new StringBuilder(type.length() + stamp.length() + senderKey.length() + json.length() + 3)
        .append(type).append('@').append(stamp).append('\n').append(senderKey).append('\n').append(json).toString();
  }

  /** The envelope (sentMillis -1 if it carries no time), or null when it is not one. */
  static Envelope decode(String text) {
    int first = text.indexOf('\n');
    int second = first < 0 ? -1 : text.indexOf('\n', first + 1);
    if (first <= 0 || second <= first + 1) {
      return null;
    }
    String head = text.substring(0, first);
    int at = head.indexOf('@');
    long sent = -1;
    if (at >= 0) {
      try {
        sent = Long.parseLong(head.substring(at + 1));
      } catch (NumberFormatException e) {
        return null;
      }
      head = head.substring(0, at);
    }
    return new Envelope(head, text.substring(first + 1, second), text.substring(second + 1), sent);
  }
}
