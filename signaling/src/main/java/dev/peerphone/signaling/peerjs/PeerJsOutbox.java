package dev.peerphone.signaling.peerjs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messages for ids that are not connected, as PeerServer keeps them: delivered in order when the
 * id connects; once the first has waited {@code expireNanos}, all of that id's are dropped and
 * each distinct sender gets one {@code EXPIRE}. Unlike PeerServer's, bounded: at most
 * {@code maxPerId} messages per absent id and {@code maxIds} absent ids. Confined to the core
 * thread; the clock is the caller's.
 */
public final class PeerJsOutbox {
  /** One queued frame, and who gets the {@code EXPIRE} if nobody takes it. */
  public record Entry(String senderKey, String expireFrame, String frame) {}

  /** An absent id's queue, taken out: when its first message was queued, and its messages in order. */
  public record Taken(long createdNanos, List<Entry> entries) {}

  /** An {@code EXPIRE} to send: {@code frame} goes to the user whose key is {@code senderKey}, if still there. */
  public record Expired(String senderKey, String frame) {}

  private static final class Queue {
    final long createdNanos;
    final List<Entry> entries = new ArrayList<>();

    Queue(long createdNanos) {
      this.createdNanos = createdNanos;
    }
  }

  private final long expireNanos;
  private final int maxPerId;
  private final int maxIds;
  /** By the absent id's key, oldest first. */
  private final Map<String, Queue> queues = new LinkedHashMap<>();

  public PeerJsOutbox(long expireNanos, int maxPerId, int maxIds) {
    this.expireNanos = expireNanos;
    this.maxPerId = maxPerId;
    this.maxIds = maxIds;
  }

  /**
   * Queues {@code frame} for the absent {@code dstKey}; false when the bounds refuse it.
   * {@code quotedDst} and {@code quotedSender} spell the {@code EXPIRE} as PeerServer does.
   */
  public boolean add(String dstKey, String quotedDst, String senderKey, String quotedSender, String frame,
      long nowNanos) {
    Queue queue = queues.get(dstKey);
    if (queue == null) {
      if (queues.size() >= maxIds) {
        return false;
      }
      queue = new Queue(nowNanos);
      queues.put(dstKey, queue);
    }
    if (queue.entries.size() >= maxPerId) {
      return false;
    }
    queue.entries.add(new Entry(senderKey, PeerJsFrames.expire(quotedDst, quotedSender), frame));
    return true;
  }

  /** The frames waiting for {@code key}, in order, now removed; empty if none. */
  public List<String> take(String key) {
    Queue queue = queues.remove(key);
    if (queue == null) {
      return List.of();
    }
    List<String> frames = new ArrayList<>(queue.entries.size());
    for (Entry e : queue.entries) {
      frames.add(e.frame);
    }
    return frames;
  }

  /** The queue waiting for {@code key}, now removed; null if none. */
  public Taken takeAll(String key) {
    Queue queue = queues.remove(key);
    return queue == null ? null : new Taken(queue.createdNanos, queue.entries);
  }

  /**
   * Puts {@code e} back at the end of {@code key}'s queue (a delivery that failed), keeping the
   * queue's first time {@code createdNanos}, so it still expires when it would have.
   */
  public void putBack(String key, long createdNanos, Entry e) {
    queues.computeIfAbsent(key, k -> new Queue(createdNanos)).entries.add(e);
  }

  /** Whether messages wait for {@code key}. */
  public boolean has(String key) {
    return queues.containsKey(key);
  }

  /** At most {@code max} ids whose first message has waited at least {@code ageNanos}. */
  public List<String> waitingSince(long nowNanos, long ageNanos, int max) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, Queue> q : queues.entrySet()) {
      if (keys.size() == max) {
        break;
      }
      if (nowNanos - q.getValue().createdNanos >= ageNanos) {
        keys.add(q.getKey());
      }
    }
    return keys;
  }

  /** Drops the queues older than the expiry; returns the {@code EXPIRE}s to send, one per sender and id. */
  public List<Expired> expire(long nowNanos) {
    List<Expired> out = new ArrayList<>();
    for (Iterator<Queue> it = queues.values().iterator(); it.hasNext(); ) {
      Queue queue = it.next();
      if (nowNanos - queue.createdNanos < expireNanos) {
        continue;
      }
      it.remove();
      Set<String> seen = new LinkedHashSet<>();
      for (Entry e : queue.entries) {
        if (seen.add(e.expireFrame)) {
          out.add(new Expired(e.senderKey, e.expireFrame));
        }
      }
    }
    return out;
  }

  /** Absent ids with waiting messages (for {@code /metrics}). */
  public int size() {
    return queues.size();
  }
}
