package dev.peerphone.app.call;

import java.util.Objects;

/**
 * An SDP offer or answer in the browser's JSON shape ({@code {type, sdp}}); {@code type} is the
 * lower-case browser name ({@code offer}, {@code answer}, {@code pranswer}, {@code rollback}).
 */
public record SessionDescription(String type, String sdp) {
  public SessionDescription {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sdp, "sdp");
  }
}
