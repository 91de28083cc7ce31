package dev.peerphone.app.ui;

import dev.peerphone.app.call.CallStats;
import java.util.List;
import java.util.Locale;

/**
 * A {@link CallStats} reading in words, for the overlay over a call's video and for the
 * diagnostics report:
 * <pre>
 * direct  ·  host ↔ host  ·  udp  ·  RTT &lt;1 ms
 * In   VP8 + opus  ·  640x480  ·  30 fps  ·  491 kbps  ·  loss 0.0%  ·  jitter 1 ms
 * Out  VP8 + opus  ·  640x480  ·  29 fps  ·  496 kbps  ·  loss 0.0%
 * </pre>
 * Candidate types only (local ↔ remote), never addresses. Unknown values are left out.
 */
final class StatsText {
  private static final String SEP = "  ·  ";

  private StatsText() {}

  /** The three lines: path, what comes in, what goes out. */
  static List<String> lines(CallStats s) {
    return List.of(path(s), in(s), out(s));
  }

  static String path(CallStats s) {
    StringBuilder b = new StringBuilder(s.relayed() ? "relayed (TURN)" : "direct");
    b.append(SEP).append(orDash(s.local())).append(" \u2194 ").append(orDash(s.remote()));
    if (!s.protocol().isEmpty()) {
      b.append(SEP).append(s.protocol());
    }
    if (!s.relayProtocol().isEmpty()) {
      b.append(" (to TURN: ").append(s.relayProtocol()).append(')');
    }
    if (!Double.isNaN(s.rttMs())) {
      b.append(SEP).append("RTT ").append(s.rttMs() < 1 ? "<1" : Long.toString(Math.round(s.rttMs()))).append(" ms");
    }
    return b.toString();
  }

  static String in(CallStats s) {
    StringBuilder b = media("In   ", s.codecIn(), s.videoIn(), s.fpsIn(), s.kbpsIn());
    b.append(SEP).append("loss ").append(percent(s.loss()));
    if (!Double.isNaN(s.jitterMs())) {
      b.append(SEP).append("jitter ").append(Math.round(s.jitterMs())).append(" ms");
    }
    return b.toString();
  }

  static String out(CallStats s) {
    StringBuilder b = media("Out  ", s.codecOut(), s.videoOut(), s.fpsOut(), s.kbpsOut());
    if (!Double.isNaN(s.lossOut())) {
      b.append(SEP).append("loss ").append(percent(s.lossOut()));
    }
    return b.toString();
  }

  private static StringBuilder media(String head, String codec, String size, double fps, double kbps) {
    StringBuilder b = new StringBuilder(head);
    if (!codec.isEmpty()) {
      b.append(codec).append(SEP);
    }
    if (!size.isEmpty()) {
      b.append(size).append(SEP);
    }
    return b.append(Math.round(fps)).append(" fps").append(SEP).append(Math.round(kbps)).append(" kbps");
  }

  private static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
  }

  private static String orDash(String type) {
    return type.isEmpty() ? "?" : type;
  }
}
