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
