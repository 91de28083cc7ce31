package dev.peerphone.signaling.admission;

import java.net.InetAddress;

/** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

  public static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    InetAddress address = IpLiterals.parse(slash < 0 ? s : s.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("Not an IP address block: " + text);
    }
    int bits = address.getAddress().length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Bad prefix length in " + text);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("Bad prefix length in " + text);
    }
    return new Cidr(address.getAddress(), prefix);
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }
}
