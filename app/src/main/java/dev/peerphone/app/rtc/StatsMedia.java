package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What one {@code getStats()} report says about the media itself, as it is now (no interval):
 * the codecs each way (video first: {@code VP8 + opus}), the video size each way, the largest
 * inbound jitter and the largest loss the peer reports for what we send. Part of
 * {@link StatsParser}; the same defensive reading (a missing or odd attribute counts as absent).
 *
 * @param codecIn e.g. {@code VP8 + opus}, "" when no inbound stream names its codec
 * @param codecOut the same, sent
 * @param videoIn e.g. {@code 640x480}, "" when no video is received
 * @param videoOut the same, sent
 * @param jitterMs milliseconds, NaN when no inbound stream reports it
 * @param lossOut 0..1, NaN when the peer has sent no receiver report yet
 */
record StatsMedia(String codecIn, String codecOut, String videoIn, String videoOut, double jitterMs, double lossOut) {

  static StatsMedia of(Map<String, RTCStats> report) {
    Direction in = new Direction();
    Direction out = new Direction();
    double jitter = Double.NaN;
    double lossOut = Double.NaN;
    for (RTCStats s : report.values()) {
      if (s == null) {
        continue;
      }
      RTCStatsType type = s.getType();
      if (type == RTCStatsType.INBOUND_RTP || type == RTCStatsType.OUTBOUND_RTP) {
        boolean inbound = type == RTCStatsType.INBOUND_RTP;
        (inbound ? in : out).add(s, report);
        double j = StatsParser.number(s, "jitter");
        if (inbound && j >= 0 && !(j * 1000 <= jitter)) {
          jitter = j * 1000;
        }
      } else if (type == RTCStatsType.REMOTE_INBOUND_RTP) {
        double f = StatsParser.number(s, "fractionLost");
        if (f >= 0 && f <= 1 && !(f <= lossOut)) {
          lossOut = f;
        }
      }
    }
    return new StatsMedia(in.codecs(), out.codecs(), in.size, out.size, jitter, lossOut);
  }

  /** The streams of one direction: codec names by kind (sorted, no repeats) and the first video size. */
  private static final class Direction {
    final TreeSet<String> video = new TreeSet<>();
    final TreeSet<String> audio = new TreeSet<>();
    String size = "";

    void add(RTCStats s, Map<String, RTCStats> report) {
      boolean isVideo = "video".equals(StatsParser.text(s, "kind"));
      RTCStats codec = report.get(StatsParser.text(s, "codecId"));
      String mime = codec == null ? "" : StatsParser.text(codec, "mimeType");
      String name = mime.substring(mime.indexOf('/') + 1);
      if (!name.isEmpty()) {
        (isVideo ? video : audio).add(name);
      }
      long w = StatsParser.count(s, "frameWidth");
      long h = StatsParser.count(s, "frameHeight");
      if (isVideo && w > 0 && h > 0 && size.isEmpty()) {
        size = w + "x" + h;
      }
    }

    /** "VP8 + opus": video first. */
    String codecs() {
      List<String> all = new ArrayList<>(video);
      all.addAll(audio);
      return String.join(" + ", all);
    }
  }
}
