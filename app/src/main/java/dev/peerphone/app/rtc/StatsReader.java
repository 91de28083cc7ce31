package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.peerphone.app.call.CallStats;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one PeerConnection for its statistics once per second and hands each reading, as
 * {@link CallStats}, to {@code sink}.
 *
 * <p>Threading: {@link #start}, {@link #stop} and the timer run on the call executor, where
 * {@code getStats} is called. The report arrives on libwebrtc's signaling thread: the callback
 * only notes the time and hops back with {@code hop} (never blocks, never throws); parsing and
 * {@code sink} run on the call executor. One request at a time: a tick while a report is still
 * outstanding is skipped (for up to {@link #STALE_NANOS}, in case a report never comes).
 */
final class StatsReader {
  private static final Logger log = LoggerFactory.getLogger(StatsReader.class);
  static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final String peer;
  private final RTCPeerConnection pc;
  private final Consumer<Runnable> hop;
  private final Consumer<CallStats> sink;
  // Call executor only.
  private final StatsParser parser = new StatsParser();
  private ScheduledFuture<?> timer;
  private long pendingSince = -1;
  private boolean stopped;

  StatsReader(String peer, RTCPeerConnection pc, Consumer<Runnable> hop, Consumer<CallStats> sink) {
    this.peer = peer;
    this.pc = pc;
    this.hop = hop;
    this.sink = sink;
  }

  /** Starts the once-a-second readings (the first result comes after two reports). */
  void start(ScheduledExecutorService executor) {
    timer = executor.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** Stops the readings; a report still on its way is dropped. Before the PeerConnection closes. */
  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void tick() {
    try {
      long now = System.nanoTime();
      if (stopped || (pendingSince >= 0 && now - pendingSince < STALE_NANOS)) {
        return;
      }
      pendingSince = now;
      pc.getStats(this::delivered);
    } catch (Throwable t) {
      // A throw would cancel the timer for good; a failed request just misses one reading.
      log.warn("{}: getStats failed: {}", peer, t.toString());
    }
  }

  /**
   * libwebrtc's signaling thread: stamp, hop, never throw. The report's own timestamp (when
   * libwebrtc collected it, microseconds) times the interval; the arrival time if it has none.
   */
  private void delivered(RTCStatsReport report) {
    try {
      long micros = report != null && report.getTimestamp() > 0 ? report.getTimestamp() : System.nanoTime() / 1000;
      hop.accept(() -> read(report, micros));
    } catch (Throwable t) {
      log.warn("{}: stats callback failed: {}", peer, t.toString());
    }
  }

  private void read(RTCStatsReport report, long micros) {
    pendingSince = -1;
    if (stopped || report == null || report.getStats() == null) {
      return;
    }
    CallStats stats = parser.next(report.getStats(), micros);
    if (stats != null) {
      sink.accept(stats);
    }
  }
}
