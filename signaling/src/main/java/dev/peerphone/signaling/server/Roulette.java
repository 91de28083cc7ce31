package dev.peerphone.signaling.server;

import java.util.LinkedHashSet;

/**
 * The chat-roulette queue: FIFO, the two longest-waiting users are paired, and a user is not
 * paired again with the partner it just left via {@code next} while anyone else is waiting.
 * Confined to the hub's core thread.
 */
final class Roulette {
  /** What the hub does when the queue pairs or parts users. */
  interface Listener {
    void matched(Session initiator, Session other);

    /** {@code left} is told that {@code leaver} left it. */
    void parted(Session leaver, Session left);
  }

  private final LinkedHashSet<Session> queue = new LinkedHashSet<>();
  private final Listener listener;

  Roulette(Listener listener) {
    this.listener = listener;
  }

  int queueLength() {
    return queue.size();
  }

  /** find: no-op while queued, {@link #next} while matched, else join the queue. */
  void find(Session s) {
    if (s.queued) {
      return;
    }
    if (s.roulettePartner != null) {
      next(s);
      return;
    }
    enqueue(s);
  }

  /** next: leave the partner (who is told) and queue again. */
  void next(Session s) {
    Session partner = s.roulettePartner;
    if (partner != null) {
      unpair(s, partner);
      s.lastLeft = partner;
      partner.lastLeft = s;
      listener.parted(s, partner);
    }
    if (!s.queued) {
      enqueue(s);
    }
  }

  /** stop: leave the queue and any partner. */
  void stop(Session s) {
    dequeue(s);
    Session partner = s.roulettePartner;
    if (partner != null) {
      unpair(s, partner);
      listener.parted(s, partner);
    }
  }

  /** The pair ended their call by other means (leave, disconnect): no roulette bond remains. */
  void forgetPair(Session a, Session b) {
    if (a.roulettePartner == b) {
      unpair(a, b);
    }
  }

  /** A disconnecting user vanishes from the queue at once; its partner is the hub's to tell. */
  void remove(Session s) {
    dequeue(s);
    if (s.roulettePartner != null) {
      unpair(s, s.roulettePartner);
    }
    if (s.lastLeft != null && s.lastLeft.lastLeft == s) {
      s.lastLeft.lastLeft = null;
    }
    s.lastLeft = null;
  }

  /**
   * A resumed login: {@code to} takes {@code from}'s place in the queue (same position), its
   * partner, and its "just left" bond.
   */
  void handOver(Session from, Session to) {
    if (from.queued) {
      Session[] waiting = queue.toArray(new Session[0]);
      queue.clear();
      for (Session w : waiting) {
        queue.add(w == from ? to : w);
      }
      from.queued = false;
      to.queued = true;
      to.queuedSince = from.queuedSince;
    }
    for (Session w : queue) {
      if (w.lastLeft == from) {
        w.lastLeft = to;
      }
    }
    Session partner = from.roulettePartner;
    if (partner != null) {
      from.roulettePartner = null;
      to.roulettePartner = partner;
      partner.roulettePartner = to;
    }
    if (from.lastLeft != null && from.lastLeft.lastLeft == from) {
      from.lastLeft.lastLeft = to;
    }
    to.lastLeft = from.lastLeft;
    from.lastLeft = null;
  }

  private void enqueue(Session s) {
    s.queued = true;
    queue.add(s);
    pairWaiting();
  }

  private void dequeue(Session s) {
    if (s.queued) {
      s.queued = false;
      queue.remove(s);
    }
  }

  private static void unpair(Session a, Session b) {
    a.roulettePartner = null;
    b.roulettePartner = null;
  }

  private void pairWaiting() {
    while (queue.size() >= 2) {
      Session[] pair = pickPair();
      if (pair == null) {
        return; // only users who cannot talk to each other wait (a PeerJS page and classic clients)
      }
      dequeue(pair[0]);
      dequeue(pair[1]);
      pair[0].roulettePartner = pair[1];
      pair[1].roulettePartner = pair[0];
      pair[0].lastLeft = null;
      pair[1].lastLeft = null;
      listener.matched(pair[0], pair[1]);
    }
  }

  /**
   * The longest-waiting user with the longest-waiting partner it did not just leave. When every
   * possible pair is such a re-match (for example only the two of them wait), the longest-waiting
   * pair is taken anyway: nobody else is waiting. Only users who can talk to each other are paired
   * ({@link #canTalk}); null when no such pair waits.
   */
  private Session[] pickPair() {
    Session[] waiting = queue.toArray(new Session[0]);
    Session[] rematch = null;
    for (int i = 0; i < waiting.length; i++) {
      for (int j = i + 1; j < waiting.length; j++) {
        if (!canTalk(waiting[i], waiting[j])) {
          continue;
        }
        if (!justLeft(waiting[i], waiting[j])) {
          return new Session[] {waiting[i], waiting[j]};
        }
        if (rematch == null) {
          rematch = new Session[] {waiting[i], waiting[j]};
        }
      }
    }
    return rematch;
  }

  /**
   * A PeerJS client talks to PeerJS clients and to Peerphone users that announced {@code "peerjs"}
   * (docs/PEERJS.md); everyone else talks to everyone else.
   */
  static boolean canTalk(Session a, Session b) {
    return (!a.isPeerJs() || b.isPeerJs() || b.acceptsPeerJs) && (!b.isPeerJs() || a.isPeerJs() || a.acceptsPeerJs);
  }

  private static boolean justLeft(Session a, Session b) {
    return a.lastLeft == b || b.lastLeft == a;
  }
}
