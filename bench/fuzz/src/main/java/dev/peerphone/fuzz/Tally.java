package dev.peerphone.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every count of a campaign under a dotted key ({@code inputs.protocol.mutated},
 * {@code errors.invalid-json}, {@code oracle.hang.slow-writer}, …), plus a few examples per
 * oracle key so a failure can be reproduced. Written by any thread.
 */
final class Tally {
  private static final int SAMPLES_PER_KEY = 5;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<String, List<String>> samples = new ConcurrentHashMap<>();

  void add(String key) {
    add(key, 1);
  }

  void add(String key, long n) {
    counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
  }

  /** Counts an oracle failure and keeps its detail (the first few per key). */
  void fail(String key, String detail) {
    add(key);
    List<String> list = samples.computeIfAbsent(key, k -> new ArrayList<>());
    synchronized (list) {
      if (list.size() < SAMPLES_PER_KEY) {
        list.add(detail.length() > 300 ? detail.substring(0, 300) + "…" : detail);
      }
    }
  }

  long get(String key) {
    LongAdder a = counts.get(key);
    return a == null ? 0 : a.sum();
  }

  /** The sum of every key starting with {@code prefix}. */
  long sum(String prefix) {
    long n = 0;
    for (Map.Entry<String, LongAdder> e : counts.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        n += e.getValue().sum();
      }
    }
    return n;
  }

  /** Keys under {@code prefix} (without it) and their counts, sorted. */
  Map<String, Long> under(String prefix) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v.sum());
      }
    });
    return out;
  }

  Map<String, Long> snapshot() {
    return under("");
  }

  Map<String, List<String>> samples() {
    Map<String, List<String>> out = new TreeMap<>();
    samples.forEach((k, v) -> {
      synchronized (v) {
        out.put(k, List.copyOf(v));
      }
    });
    return out;
  }
}
