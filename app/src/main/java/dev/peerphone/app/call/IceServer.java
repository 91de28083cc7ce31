package dev.peerphone.app.call;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** A STUN or TURN server from the login reply; username and credential are null for STUN. */
public record IceServer(List<String> urls, String username, String credential) {
  public IceServer {
    urls = List.copyOf(urls);
  }

  /** Whether one of the URLs is a TURN server ({@code turn:} or {@code turns:}). */
  public boolean isTurn() {
    return urls.stream().map(u -> u.toLowerCase(Locale.ROOT))
        .anyMatch(u -> u.startsWith("turn:") || u.startsWith("turns:"));
  }

  /**
   * When TURN REST API credentials stop working: the username is {@code <expiry unix seconds>:<name>}
   * (PROTOCOL.md, ICE). Empty for STUN and for usernames without that prefix.
   */
  public OptionalLong expiryEpochSeconds() {
    if (username == null) {
      return OptionalLong.empty();
    }
    int colon = username.indexOf(':');
    if (colon <= 0 || colon > 18) {
      return OptionalLong.empty();
    }
    for (int i = 0; i < colon; i++) {
      if (username.charAt(i) < '0' || username.charAt(i) > '9') {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(Long.parseLong(username.substring(0, colon)));
  }
}
