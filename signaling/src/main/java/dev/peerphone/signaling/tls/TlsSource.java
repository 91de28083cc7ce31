package dev.peerphone.signaling.tls;

import java.nio.file.Path;

/** Where the server's TLS certificate comes from (see {@link ServerTls#open}). */
public sealed interface TlsSource {
  /** A PKCS12 or JKS keystore; its first private-key entry is served. Read once at start. */
  record Keystore(Path file, String password) implements TlsSource {}

  /**
   * PEM files as certbot writes them: {@code certificate} is the leaf followed by its chain
   * (fullchain.pem), {@code key} a PKCS#8 ({@code BEGIN PRIVATE KEY}) or traditional RSA/EC key.
   * Reloaded when either file changes, without dropping connections.
   */
  record Pem(Path certificate, Path key) implements TlsSource {}

  /**
   * A self-signed certificate for this machine's names and addresses, generated once and
   * cached in {@code cacheDir} (null: {@link SelfSignedCertificate#defaultCacheDir()}), made
   * anew when it no longer covers them or is near expiry.
   */
  record SelfSigned(Path cacheDir) implements TlsSource {}
}
