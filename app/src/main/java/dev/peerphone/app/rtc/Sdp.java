package dev.peerphone.app.rtc;

import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCIceTransportPolicy;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.peerphone.app.call.IceCandidate;
import dev.peerphone.app.call.IceConfig;
import dev.peerphone.app.call.IceServer;
import dev.peerphone.app.call.SessionDescription;
import java.util.ArrayList;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps the browser JSON shapes to and from webrtc-java types. Pure functions, any thread. */
final class Sdp {
  private Sdp() {}

  /** Browser {@code {type, sdp}} to libwebrtc; throws {@link IllegalArgumentException} for an unknown type. */
  static RTCSessionDescription toNative(SessionDescription d) {
    RTCSdpType type = switch (d.type()) {
      case "offer" -> RTCSdpType.OFFER;
      case "answer" -> RTCSdpType.ANSWER;
      case "pranswer" -> RTCSdpType.PR_ANSWER;
      case "rollback" -> RTCSdpType.ROLLBACK;
      default -> throw new IllegalArgumentException("unknown SDP type '" + d.type() + "'");
    };
    return new RTCSessionDescription(type, d.sdp());
  }

  static SessionDescription fromNative(RTCSessionDescription d) {
    String type = d.sdpType == RTCSdpType.PR_ANSWER ? "pranswer" : d.sdpType.name().toLowerCase(Locale.ROOT);
    return new SessionDescription(type, d.sdp);
  }

  private static final Pattern VIDEO_CODEC = Pattern.compile("^a=rtpmap:(\\d+) (VP8|VP9|H264|AV1)/90000$");

  /**
   * Makes a video sender start at {@code kbps} instead of libwebrtc's 300 kbit/s
   * (minus audio): adds {@code x-google-start-bitrate} to the fmtp of every video codec of a
   * description; applied to the peer's description before setRemoteDescription, it sets our own
   * sender's start. Below 300 kbit/s a sender whose source does not scale down (our test
   * pattern) drops its first 4 frames waiting for a smaller one, about 130 ms at 30 fps before
   * the first frame is sent (docs/BENCHMARKS.md, Call setup).
   */
  static String withStartBitrate(String sdp, int kbps) {
    String[] lines = sdp.split("\r\n", -1);
    java.util.Set<String> video = new java.util.HashSet<>();
    for (String l : lines) {
      Matcher m = VIDEO_CODEC.matcher(l);
      if (m.matches()) {
        video.add(m.group(1));
      }
    }
    java.util.Set<String> withFmtp = new java.util.HashSet<>();
    for (String l : lines) {
      if (l.startsWith("a=fmtp:")) {
        withFmtp.add(l.substring(7, l.indexOf(' ') < 0 ? l.length() : l.indexOf(' ')));
      }
    }
    StringBuilder out = new StringBuilder(sdp.length() + 64 * video.size());
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      Matcher m = VIDEO_CODEC.matcher(l);
      String param = "x-google-start-bitrate=" + kbps;
      if (l.startsWith("a=fmtp:") && video.contains(l.substring(7, Math.max(7, l.indexOf(' '))))
          && !l.contains("x-google-start-bitrate")) {
        l = l + ";" + param;
      }
      out.append(l);
      if (m.matches() && !withFmtp.contains(m.group(1))) {
        out.append("\r\n").append("a=fmtp:").append(m.group(1)).append(' ').append(param);
      }
      if (i < lines.length - 1) {
        out.append("\r\n");
      }
    }
    return out.toString();
  }

  static RTCIceCandidate toNative(IceCandidate c) {
    return new RTCIceCandidate(c.sdpMid(), c.sdpMLineIndex(), c.candidate());
  }

  static IceCandidate fromNative(RTCIceCandidate c) {
    return new IceCandidate(c.sdp, c.sdpMid, c.sdpMLineIndex);
  }

  /** The servers, and {@code RELAY} as the transport policy when relay-only (else libwebrtc's ALL). */
  static RTCConfiguration configuration(IceConfig ice) {
    RTCConfiguration config = new RTCConfiguration();
    if (config.iceServers == null) {
      config.iceServers = new ArrayList<>();
    }
    if (ice.relayOnly()) {
      config.iceTransportPolicy = RTCIceTransportPolicy.RELAY;
    }
    for (IceServer s : ice.servers()) {
      RTCIceServer server = new RTCIceServer();
      server.urls = s.urls();
      server.username = s.username();
      server.password = s.credential();
      config.iceServers.add(server);
    }
    return config;
  }
}
