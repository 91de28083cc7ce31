package dev.peerphone.signaling.admission;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever touching DNS (header values are attacker-controlled). */
public final class IpLiterals {
  private IpLiterals() {}

  /** The address, or null when {@code text} is not an IPv4 or IPv6 literal. */
  public static InetAddress parse(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    boolean hasColon = s.indexOf(':') >= 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '.' || (hasColon && (c == ':'
          || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return null;
      }
    }
    if (!hasColon && s.chars().filter(c -> c == '.').count() != 3) {
      return null; // InetAddress would accept "1" or "1.2" as shorthand forms
    }
    try {
      return InetAddress.getByName(s); // a literal by now: no lookup happens
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
