package dev.peerphone.app.net;

/**
 * A server certificate the client does not trust yet: where it was presented, its SHA-256
 * fingerprint (colon hex), and the fingerprint remembered for that address before, or null if the
 * address is new. A non-null {@code previousFingerprint} means the certificate changed.
 */
public record ServerCertificate(String host, int port, String fingerprint, String previousFingerprint) {
  /** True when a different certificate was trusted for this address before. */
  public boolean changed() {
    return previousFingerprint != null;
  }

  /** {@code host:port}, with brackets around an IPv6 literal. */
  public String address() {
    return ServerTrust.key(host, port);
  }
}
