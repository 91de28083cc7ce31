package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For the call-setup benchmark only: polls one PeerConnection's statistics every 10 ms from ICE
 * connected until the first video frame was encoded and the first one decoded (or 5 s passed),
 * and reports {@code first-frame-encoded} / {@code first-frame-decoded} at the time the first
 * report with a frame counted was collected (so up to 10 ms late), plus {@code first-keyframe-request} when our receiver had to ask for a key frame (PLI
 * or FIR) before it could decode.
 *
 * <p>Threading: {@link #start}, {@link #stop} and the timer run on the call executor; reports
 * arrive on libwebrtc's signaling thread, where the callback stamps the time, reads a few counters
 * and hops back (never blocks, never throws).
 */
final class SetupProbe {
  private static final Logger log = LoggerFactory.getLogger(SetupProbe.class);
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final RTCPeerConnection pc;
  private final Consumer<Runnable> hop;
  private final BiConsumer<String, Long> phase;
  // Call executor only.
  private ScheduledFuture<?> timer;
  private long startNanos;
  private boolean pending;
  private boolean encoded;
  private boolean decoded;
  private boolean requested;

  SetupProbe(RTCPeerConnection pc, Consumer<Runnable> hop, BiConsumer<String, Long> phase) {
    this.pc = pc;
    this.hop = hop;
    this.phase = phase;
  }

  void start(ScheduledExecutorService executor) {
    if (timer == null) {
      startNanos = System.nanoTime();
      timer = executor.scheduleAtFixedRate(this::tick, 0, 10, TimeUnit.MILLISECONDS);
    }
  }

  void stop() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void tick() {
    try {
      if ((encoded && decoded) || System.nanoTime() - startNanos > LIMIT_NANOS) {
        stop();
      } else if (!pending) {
        pending = true;
        pc.getStats(this::delivered);
      }
    } catch (Throwable t) {
      log.debug("setup probe getStats: {}", t.toString());
    }
  }

  /** libwebrtc's signaling thread. */
  private void delivered(RTCStatsReport report) {
    long arrived = System.nanoTime();
    try {
      // libwebrtc caches a report for up to 50 ms; its timestamp (CLOCK_MONOTONIC microseconds,
      // the clock of System.nanoTime on Linux) says when it was collected. Else the arrival time.
      long collected = report.getTimestamp() * 1000;
      long now = collected <= arrived && arrived - collected < TimeUnit.SECONDS.toNanos(1) ? collected : arrived;
      long enc = 0;
      long dec = 0;
      long req = 0;
      for (RTCStats s : report.getStats().values()) {
        if (!"video".equals(String.valueOf(s.getAttributes().get("kind")))) {
          continue;
        }
        if (s.getType() == RTCStatsType.OUTBOUND_RTP) {
          enc += count(s, "framesEncoded");
        } else if (s.getType() == RTCStatsType.INBOUND_RTP) {
          dec += count(s, "framesDecoded");
          req += count(s, "pliCount") + count(s, "firCount");
        }
      }
      long e = enc;
      long d = dec;
      long r = req;
      hop.accept(() -> read(now, e, d, r));
    } catch (Throwable t) {
      hop.accept(() -> pending = false);
      log.debug("setup probe report: {}", t.toString());
    }
  }

  private void read(long now, long enc, long dec, long req) {
    pending = false;
    if (!requested && req > 0 && !decoded) {
      requested = true;
      phase.accept("first-keyframe-request", now);
    }
    if (!encoded && enc > 0) {
      encoded = true;
      phase.accept("first-frame-encoded", now);
    }
    if (!decoded && dec > 0) {
      decoded = true;
      phase.accept("first-frame-decoded", now);
    }
  }

  private static long count(RTCStats s, String name) {
    Object v = s.getAttributes().get(name);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
