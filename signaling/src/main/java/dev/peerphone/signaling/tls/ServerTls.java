package dev.peerphone.signaling.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS: one {@link SSLContext} for both ports whose certificate can change under it
 * (PEM files are re-read when they change: new handshakes get the new certificate, open
 * connections stay). Build it with {@link #open}; thread-safe.
 */
public final class ServerTls {
  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);
  /** How often PEM files are checked for changes. */
  static final long POLL_MILLIS = 2000;

  private final TlsSource source;
  private final SwappableKeyManager keys;
  private final SSLContext context;
  private byte[] certificateBytes;
  private byte[] keyBytes;
  private String lastProblem;

  private ServerTls(TlsSource source, Identity identity) throws TlsException {
    this.source = source;
    this.keys = new SwappableKeyManager(identity);
    try {
      context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {keys}, null, null);
    } catch (GeneralSecurityException e) {
      throw new TlsException("Cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Loads (or, for {@link TlsSource.SelfSigned}, makes or reuses) the certificate; a clear message on failure. */
  public static ServerTls open(TlsSource source) throws TlsException {
    if (source instanceof TlsSource.Pem pem) {
      byte[] cert = PemFiles.read(pem.certificate());
      byte[] key = PemFiles.read(pem.key());
      ServerTls tls = new ServerTls(source, PemFiles.parse(cert, pem.certificate().toString(), key, pem.key().toString()));
      tls.certificateBytes = cert;
      tls.keyBytes = key;
      return tls;
    } else if (source instanceof TlsSource.SelfSigned self) {
      Path dir = self.cacheDir() != null ? self.cacheDir() : SelfSignedCertificate.defaultCacheDir();
      return new ServerTls(source, SelfSignedCertificate.ensure(dir, MachineNames.current(), Clock.systemUTC()));
    } else {
      TlsSource.Keystore store = (TlsSource.Keystore) source;
      return new ServerTls(source, fromKeystore(store.file(), store.password()));
    }
  }

  /** One context for every connection on both ports. */
  public SSLContext context() {
    return context;
  }

  /** The certificate served now (it changes when PEM files are replaced). */
  public X509Certificate certificate() {
    return keys.current().leaf();
  }

  /** {@link #fingerprint(X509Certificate)} of the certificate served now. */
  public String fingerprint() {
    return fingerprint(certificate());
  }

  /** SHA-256 of the certificate's DER, upper-case hex pairs separated by colons, as browsers show it. */
  public static String fingerprint(X509Certificate certificate) {
    return Identity.fingerprint(certificate);
  }

  /** For PEM files: checks them every {@link #POLL_MILLIS} on {@code timer}; otherwise nothing. */
  public void watch(ScheduledExecutorService timer) {
    if (source instanceof TlsSource.Pem) {
      timer.scheduleWithFixedDelay(this::reloadIfChanged, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** Re-reads the PEM files; a changed, valid pair replaces the certificate, a broken one is logged and ignored. */
  synchronized void reloadIfChanged() {
    TlsSource.Pem pem = (TlsSource.Pem) source;
    try {
      byte[] cert = PemFiles.read(pem.certificate());
      byte[] key = PemFiles.read(pem.key());
      if (Arrays.equals(cert, certificateBytes) && Arrays.equals(key, keyBytes)) {
        return;
      }
      Identity identity = PemFiles.parse(cert, pem.certificate().toString(), key, pem.key().toString());
      keys.use(identity);
      certificateBytes = cert;
      keyBytes = key;
      lastProblem = null;
      log.info("TLS certificate reloaded from {}: SHA-256 {}", pem.certificate(), fingerprint(identity.leaf()));
    } catch (TlsException e) {
      if (!e.getMessage().equals(lastProblem)) { // once per problem, not every poll
        lastProblem = e.getMessage();
        log.warn("Keeping the previous TLS certificate: {}", e.getMessage());
      }
    } catch (RuntimeException e) {
      log.warn("Keeping the previous TLS certificate: reloading failed", e);
    }
  }

  private static Identity fromKeystore(Path file, String password) throws TlsException {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12, reads JKS too
      store.load(in, secret);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          Key key = store.getKey(alias, secret);
          Certificate[] chain = store.getCertificateChain(alias);
          if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
            return new Identity(privateKey, Arrays.stream(chain).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new));
          }
        }
      }
      throw new TlsException("Keystore " + file + " holds no private key with a certificate");
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      if (e instanceof TlsException t) {
        throw t;
      }
      throw new TlsException("Cannot use keystore " + file + ": " + e.getMessage(), e);
    }
  }
}
