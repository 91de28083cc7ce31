package dev.peerphone.signaling.admission;

import java.net.InetAddress;
import java.util.List;

/**
 * Decides which address a connection really comes from. {@code X-Forwarded-For} is only believed
 * when the connecting peer is a trusted proxy; then the hops are walked from the right and the
 * first untrusted one wins, so a client cannot pick its own address by prepending entries.
 */
public final class ClientAddressResolver {
  private final List<Cidr> trustedProxies;

  public ClientAddressResolver(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /**
   * The client's address, or null when a trusted proxy forwarded something that is not an IP
   * address (the client is then "unknown" to the admission policy).
   */
  public InetAddress resolve(InetAddress peer, String forwardedFor) {
    if (!isTrusted(peer) || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    InetAddress current = peer;
    for (int i = hops.length - 1; i >= 0 && isTrusted(current); i--) {
      current = IpLiterals.parse(hops[i]);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  /** True when {@code peer} is a trusted proxy: its connections speak for the clients it names. */
  public boolean isTrustedProxy(InetAddress peer) {
    return isTrusted(peer);
  }

  private boolean isTrusted(InetAddress address) {
    for (Cidr cidr : trustedProxies) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
