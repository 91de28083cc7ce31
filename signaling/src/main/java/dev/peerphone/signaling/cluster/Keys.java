package dev.peerphone.signaling.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The names of everything a cluster keeps in Redis (docs/CLUSTER.md, Redis keys): all under the
 * hash tag {@code {pp}}, so every script's keys are on one Redis Cluster slot.
 */
final class Keys {
  private Keys() {}

  static final String NAMES = "{pp}:names";
  static final String NODES = "{pp}:nodes";
  static final String USER_CHANNEL = "{pp}:u:";
  /** Cluster events (see {@link Scripts}): {@code gone} and {@code moved}. */
  static final String EVENTS = "{pp}:events";
  static final String PRESENCE = "{pp}:presence";
  static final String ORDER = "{pp}:order";
  static final String SEQ = "{pp}:seq";
  static final String VERSION = "{pp}:pv";
  /** A node changed the presence list; the message is its id. */
  static final String NUDGE = "{pp}:nudge";
  /** Written by the first node's lease; gone after a Redis restart (see {@link Scripts#RENEW}). */
  static final String EPOCH = "{pp}:epoch";
  /**
   * One lease length after a renewal found Redis emptied ({@code emptied}: no free or dead node's
   * name is given out, nobody reaped) or its own lease lapsed ({@code lapsed}: no dead node's name
   * is taken over, nobody reaped).
   */
  static final String SETTLING = "{pp}:settling";
  static final String QUEUE = "{pp}:rq";
  static final String ARRIVALS = "{pp}:rseq";
  static final String PAIRS = "{pp}:pair";
  static final String LEFT = "{pp}:left";
  /** Roulette kinds: a PeerJS client ({@code j}), or a Peerphone user that takes PeerJS calls or not (see {@link RouletteScript#ROULETTE}). */
  static final String KINDS = "{pp}:rkind";
  /** Dead nodes reaped per renewal at most (the rest at the next one). */
  static final int REAP_BATCH = 16;

  static String owned(String node) {
    return "{pp}:owned:" + node;
  }

  static String[] reapKeys(String node) {
    return new String[] {NAMES, NODES, owned(node), EVENTS, PRESENCE, ORDER, VERSION, NUDGE, QUEUE, PAIRS};
  }

  static String[] rouletteKeys() {
    return new String[] {QUEUE, ARRIVALS, PAIRS, LEFT, NAMES, KINDS};
  }

  static String[] absentKeys() {
    return new String[] {NAMES, SETTLING, EPOCH};
  }

  static String[] renewKeys() {
    return new String[] {NODES, EPOCH, SETTLING};
  }

  static String[] claimKeys(String node) {
    return new String[] {NAMES, NODES, owned(node), EVENTS, ORDER, SEQ, SETTLING, QUEUE, PAIRS};
  }

  /** Prefixes a PeerJS client's token hash in a name's owner (':' is not base64url: no Peerphone hash has it). */
  static final String PEERJS_HASH = "pj:";

  /** SHA-256 of a resume token, base64url (the token itself never leaves this node); "-" if none. */
  static String hash(String token) {
    if (token == null) {
      return "-";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
