package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallStats;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The calls' statistics as the window shows them: the latest reading of each running call (for
 * its overlay), the last {@link #KEEP} readings of the last {@link #KEEP_CALLS} calls, ended ones
 * included (for "Copy diagnostics"), and whether the overlays show.
 *
 * <p>Threading: FX thread only, like the model.
 */
final class StatsBook {
  /** Readings kept per call: about the last ten seconds (one a second). */
  static final int KEEP = 10;
  /** Calls whose readings are kept, the most recent ones. */
  static final int KEEP_CALLS = 8;

  /** One reading and the wall-clock time it arrived. */
  record Reading(LocalTime at, CallStats stats) {}

  private final ObservableMap<String, CallStats> latest = FXCollections.observableHashMap();
  private final ObservableMap<String, CallStats> latestView = FXCollections.unmodifiableObservableMap(latest);
  private final Map<String, Deque<Reading>> recent = new LinkedHashMap<>();
  private final BooleanProperty shown = new SimpleBooleanProperty();

  void add(String peer, CallStats stats, LocalTime at) {
    latest.put(peer, stats);
    Deque<Reading> readings = recent.remove(peer); // re-inserted last: the most recent call
    if (readings == null) {
      readings = new ArrayDeque<>();
    }
    readings.addLast(new Reading(at, stats));
    while (readings.size() > KEEP) {
      readings.removeFirst();
    }
    recent.put(peer, readings);
    while (recent.size() > KEEP_CALLS) {
      recent.remove(recent.keySet().iterator().next());
    }
  }

  /** The call with {@code peer} is over: its overlay goes; its readings stay for diagnostics. */
  void ended(String peer) {
    latest.remove(peer);
  }

  /** The latest reading per running call. */
  ObservableMap<String, CallStats> latest() {
    return latestView;
  }

  /** Per call, oldest call first: its last readings, oldest first (a copy). */
  Map<String, List<Reading>> recent() {
    Map<String, List<Reading>> copy = new LinkedHashMap<>();
    recent.forEach((peer, readings) -> copy.put(peer, List.copyOf(readings)));
    return copy;
  }

  /** Whether the statistics overlays show (the call bar's toggle, Ctrl+I). */
  BooleanProperty shown() {
    return shown;
  }
}
