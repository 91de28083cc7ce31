package dev.peerphone.app.net;

import dev.peerphone.signaling.tls.ServerTls;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for one connection to {@code host:port}: the platform's certificate authorities (with
 * host-name checking), else a certificate whose SHA-256 fingerprint the user pinned for exactly
 * this address. Anything else is refused and remembered in {@link #rejected()} for the caller.
 *
 * <p>Threading: called on the connecting thread during the handshake; {@code rejected} is volatile.
 */
final class PinningTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager platform;
  private final ServerTrust trust;
  private final String host;
  private final int port;
  private volatile ServerCertificate rejected;

  PinningTrustManager(X509ExtendedTrustManager platform, ServerTrust trust, String host, int port) {
    this.platform = platform;
    this.trust = trust;
    this.host = host;
    this.port = port;
  }

  /** The certificate this manager refused, or null. */
  ServerCertificate rejected() {
    return rejected;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    try {
      platform.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      checkPinned(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    try {
      platform.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      checkPinned(chain, e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    try {
      platform.checkServerTrusted(chain, authType);
    } catch (CertificateException e) {
      checkPinned(chain, e);
    }
  }

  private void checkPinned(X509Certificate[] chain, CertificateException platformSaid) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw platformSaid;
    }
    String fingerprint = ServerTls.fingerprint(chain[0]);
    ServerTrust.Verdict v = trust.verdict(host, port, fingerprint);
    if (v.trusted()) {
      return;
    }
    ServerCertificate c = new ServerCertificate(host, port, fingerprint, v.previous());
    rejected = c;
    trust.refused(c);
    CertificateException e = new CertificateException(new UntrustedServerException(c).getMessage());
    e.addSuppressed(platformSaid);
    throw e;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    throw new CertificateException("client certificates are not checked here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    throw new CertificateException("client certificates are not checked here");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("client certificates are not checked here");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return platform.getAcceptedIssuers();
  }
}
