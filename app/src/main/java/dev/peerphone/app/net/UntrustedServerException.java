package dev.peerphone.app.net;

import java.io.IOException;

/**
 * The server presented a certificate that neither the platform's certificate authorities nor the
 * user vouch for. Carries what a person needs to decide: the address and the SHA-256 fingerprint.
 */
public final class UntrustedServerException extends IOException {
  private final transient ServerCertificate certificate;

  public UntrustedServerException(ServerCertificate certificate) {
    super(describe(certificate));
    this.certificate = certificate;
  }

  public ServerCertificate certificate() {
    return certificate;
  }

  private static String describe(ServerCertificate c) {
    return (c.changed()
        ? "The certificate of " + c.address() + " CHANGED since you trusted it (was SHA-256 " + c.previousFingerprint()
            + "); it now presents SHA-256 " + c.fingerprint()
        : "The server " + c.address() + " presented a certificate that is not trusted (SHA-256 " + c.fingerprint() + ")")
        + ". Compare the fingerprint with the one the server's operator shows; to trust it: --trust-fingerprint "
        + c.fingerprint();
  }
}
