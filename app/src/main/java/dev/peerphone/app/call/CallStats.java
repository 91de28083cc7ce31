package dev.peerphone.app.call;

/**
 * One reading of a call's transport and media statistics (from libwebrtc's {@code getStats()},
 * taken once per second by the {@code rtc} package).
 *
 * <p>The candidate pair in use is given by type only — {@code host}, {@code srflx},
 * {@code prflx} or {@code relay} — never by address. Rates are over the interval since the
 * previous reading.
 *
 * @param local the local candidate type of the selected pair
 * @param remote the remote candidate type of the selected pair
 * @param protocol the pair's transport, {@code udp} or {@code tcp}
 * @param relayProtocol how we reach our TURN server ({@code udp}, {@code tcp}, {@code tls}) when
 *     {@code local} is {@code relay}, else ""
 * @param rttMs the pair's current round-trip time in milliseconds, NaN until measured
 * @param kbpsIn RTP payload received (bytesReceived), kilobits per second, all inbound streams
 * @param kbpsOut the same, sent
 * @param fpsIn frames per second decoded from the remote video (0 when it pauses)
 * @param fpsOut frames per second encoded for our video (0 when we pause)
 * @param loss packets lost / packets expected over the interval, inbound, 0..1
 * @param codecIn the codecs received, video first, e.g. {@code VP8 + opus}; "" when unknown
 * @param codecOut the codecs sent, the same way
 * @param videoIn the size of the video received, e.g. {@code 640x480}; "" when none
 * @param videoOut the size of the video sent (after the encoder's scaling); "" when none
 * @param jitterMs the largest inbound interarrival jitter, milliseconds, NaN until measured
 * @param lossOut the largest fraction of our packets the peer reports lost (its last RTCP
 *     receiver report), 0..1, NaN until reported
 */
public record CallStats(
    String local,
    String remote,
    String protocol,
    String relayProtocol,
    double rttMs,
    double kbpsIn,
    double kbpsOut,
    double fpsIn,
    double fpsOut,
    double loss,
    String codecIn,
    String codecOut,
    String videoIn,
    String videoOut,
    double jitterMs,
    double lossOut) {

  /** A reading with the path, round trip, rates and loss only (no codecs, sizes or jitter). */
  public CallStats(String local, String remote, String protocol, String relayProtocol, double rttMs,
      double kbpsIn, double kbpsOut, double fpsIn, double fpsOut, double loss) {
    this(local, remote, protocol, relayProtocol, rttMs, kbpsIn, kbpsOut, fpsIn, fpsOut, loss, "", "", "", "",
        Double.NaN, Double.NaN);
  }

  /** Whether the media goes through a TURN server (either side's candidate is a relay). */
  public boolean relayed() {
    return "relay".equals(local) || "relay".equals(remote);
  }
}
