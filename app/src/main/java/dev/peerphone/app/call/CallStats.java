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
    double loss) {

  /** Whether the media goes through a TURN server (either side's candidate is a relay). */
  public boolean relayed() {
    return "relay".equals(local) || "relay".equals(remote);
  }
}
