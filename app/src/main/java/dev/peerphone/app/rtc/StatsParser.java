package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import dev.peerphone.app.call.CallStats;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns successive {@code getStats()} reports of one PeerConnection into {@link CallStats}:
 * the selected candidate pair (types and protocol only, no addresses), its round-trip time, and
 * rates over the interval since the previous report, summed over all inbound / outbound RTP
 * streams (per stream id: a stream new in this report counts from 0, and a counter that went
 * down counts as no growth, so no rate is ever negative); and what the report says about the
 * media now ({@link StatsMedia}: codecs, video sizes, jitter, loss the peer reports).
 *
 * <p>Attribute types vary with the libwebrtc version and the JNI mapping (Integer, Long,
 * BigInteger for uint64, Double), and any attribute may be missing: every read is defensive and
 * a missing or odd value counts as absent, never as an exception.
 *
 * <p>Threading: confined to one thread (the call executor).
 */
final class StatsParser {
  /** Per RTP stream id: the counters of the previous report. */
  private Map<String, Counters> previous;
  private long previousMicros;

  /**
   * Reads {@code report}, taken at {@code micros} (the report's timestamp, microseconds). Returns
   * null for the first report (no interval yet) and while no candidate pair is selected.
   */
  CallStats next(Map<String, RTCStats> report, long micros) {
    Map<String, Counters> now = counters(report);
    Map<String, Counters> before = previous;
    long dtMicros = micros - previousMicros;
    previous = now;
    previousMicros = micros;
    RTCStats pair = selectedPair(report);
    if (before == null || dtMicros <= 0 || pair == null) {
      return null;
    }
    RTCStats local = report.get(text(pair, "localCandidateId"));
    RTCStats remote = report.get(text(pair, "remoteCandidateId"));
    String localType = local == null ? "" : text(local, "candidateType");
    double seconds = dtMicros / 1e6;
    Counters in = new Counters(true);
    Counters out = new Counters(false);
    for (Map.Entry<String, Counters> e : now.entrySet()) {
      Counters c = e.getValue();
      Counters d = c.since(before.getOrDefault(e.getKey(), new Counters(c.inbound)));
      (c.inbound ? in : out).add(d);
    }
    double rtt = number(pair, "currentRoundTripTime");
    long expected = in.packets + in.lost;
    StatsMedia media = StatsMedia.of(report);
    return new CallStats(
        localType,
        remote == null ? "" : text(remote, "candidateType"),
        firstNonEmpty(local == null ? "" : text(local, "protocol"), remote == null ? "" : text(remote, "protocol")),
        "relay".equals(localType) ? text(local, "relayProtocol") : "",
        Double.isNaN(rtt) || rtt < 0 ? Double.NaN : rtt * 1000,
        in.bytes * 8 / 1000.0 / seconds,
        out.bytes * 8 / 1000.0 / seconds,
        in.frames / seconds,
        out.frames / seconds,
        expected <= 0 ? 0 : (double) in.lost / expected,
        media.codecIn(),
        media.codecOut(),
        media.videoIn(),
        media.videoOut(),
        media.jitterMs(),
        media.lossOut());
  }

  /** The transport's selected pair, else a nominated pair that succeeded, else null. */
  private static RTCStats selectedPair(Map<String, RTCStats> report) {
    for (RTCStats s : report.values()) {
      if (s != null && s.getType() == RTCStatsType.TRANSPORT) {
        RTCStats pair = report.get(text(s, "selectedCandidatePairId"));
        if (pair != null) {
          return pair;
        }
      }
    }
    for (RTCStats s : report.values()) {
      if (s != null && s.getType() == RTCStatsType.CANDIDATE_PAIR && "succeeded".equals(text(s, "state"))
          && Boolean.TRUE.equals(attribute(s, "nominated"))) {
        return s;
      }
    }
    return null;
  }

  private static Map<String, Counters> counters(Map<String, RTCStats> report) {
    Map<String, Counters> map = new HashMap<>();
    for (RTCStats s : report.values()) {
      if (s == null) {
        continue;
      }
      boolean inbound = s.getType() == RTCStatsType.INBOUND_RTP;
      if (!inbound && s.getType() != RTCStatsType.OUTBOUND_RTP) {
        continue;
      }
      Counters c = new Counters(inbound);
      c.bytes = count(s, inbound ? "bytesReceived" : "bytesSent");
      c.packets = count(s, inbound ? "packetsReceived" : "packetsSent");
      c.lost = inbound ? count(s, "packetsLost") : 0;
      c.frames = count(s, inbound ? "framesDecoded" : "framesEncoded");
      map.put(s.getId(), c);
    }
    return map;
  }

  /** One RTP stream's running totals (or, from {@link #since}, its growth over an interval). */
  private static final class Counters {
    final boolean inbound;
    long bytes;
    long packets;
    long lost;
    long frames;

    Counters(boolean inbound) {
      this.inbound = inbound;
    }

    /** Growth since {@code before}; a counter that went backwards (packetsLost can) grew by 0. */
    Counters since(Counters before) {
      Counters d = new Counters(inbound);
      d.bytes = grow(bytes, before.bytes);
      d.packets = grow(packets, before.packets);
      d.lost = grow(lost, before.lost);
      d.frames = grow(frames, before.frames);
      return d;
    }

    void add(Counters d) {
      bytes += d.bytes;
      packets += d.packets;
      lost += d.lost;
      frames += d.frames;
    }

    private static long grow(long now, long before) {
      return Math.max(0, now - before);
    }
  }

  /** A whole-number attribute; 0 when missing or not a number (packetsLost may be negative). */
  static long count(RTCStats s, String name) {
    Object v = attribute(s, name);
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** A numeric attribute as a double, NaN when missing or not a number. */
  static double number(RTCStats s, String name) {
    Object v = attribute(s, name);
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /** A string attribute, "" when missing; never null (so report.get(text) is a safe miss). */
  static String text(RTCStats s, String name) {
    Object v = attribute(s, name);
    return v == null ? "" : v.toString();
  }

  private static Object attribute(RTCStats s, String name) {
    Map<String, Object> a = s.getAttributes();
    return a == null ? null : a.get(name);
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
