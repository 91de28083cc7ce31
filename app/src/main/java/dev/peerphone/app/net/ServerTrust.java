package dev.peerphone.app.net;

import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@code wss://} servers the Java client trusts: those with a certificate the platform's
 * certificate authorities vouch for (host name checked), plus certificates pinned by SHA-256
 * fingerprint for one {@code host:port} — for this session ({@link #pin}: the desktop's own
 * embedded server, {@code --trust-fingerprint}) or for good ({@link #remember}: the user said
 * "Trust and connect", written to {@link KnownServers}). Nothing else, never silently.
 *
 * <p>Threading: safe from any thread (session pins in a concurrent map, the file synchronized).
 */
public final class ServerTrust {
  private static final Logger log = LoggerFactory.getLogger(ServerTrust.class);
  private final KnownServers known;
  private final Map<String, String> sessionPins = new ConcurrentHashMap<>();
  private final Map<String, ServerCertificate> refused = new ConcurrentHashMap<>();

  public ServerTrust(KnownServers known) {
    this.known = known;
  }

  /** Trust remembered in {@link KnownServers#defaultFile()}. */
  public static ServerTrust standard() {
    return new ServerTrust(new KnownServers(KnownServers.defaultFile()));
  }

  public KnownServers known() {
    return known;
  }

  /** Trusts the certificate with {@code fingerprint} (any common hex form) at {@code host:port} for this process. */
  public void pin(String host, int port, String fingerprint) {
    sessionPins.put(key(host, port), Fingerprints.normalize(fingerprint));
  }

  /** Trusts {@code certificate} at its address from now on, in this and later sessions. */
  public void remember(ServerCertificate certificate) throws IOException {
    pin(certificate.host(), certificate.port(), certificate.fingerprint());
    known.put(certificate.address(), certificate.fingerprint());
  }

  /** Whether a certificate with {@code fingerprint} at {@code host:port} is pinned (this session or remembered). */
  public boolean trusts(String host, int port, String fingerprint) {
    return verdict(host, port, Fingerprints.normalize(fingerprint)).trusted();
  }

  record Verdict(boolean trusted, String previous) {}

  /** Whether {@code fingerprint} is pinned for {@code host:port}, else what was pinned there before. */
  Verdict verdict(String host, int port, String fingerprint) {
    String k = key(host, port);
    String session = sessionPins.get(k);
    Optional<String> saved;
    try {
      saved = known.get(k);
    } catch (IOException e) {
      log.warn("cannot read {}: {}", known.file(), e.toString());
      saved = Optional.empty();
    }
    if (fingerprint.equals(session) || saved.filter(fingerprint::equals).isPresent()) {
      return new Verdict(true, null);
    }
    return new Verdict(false, session != null ? session : saved.orElse(null));
  }

  /** A trust manager for one connection to {@code host:port}. */
  PinningTrustManager trustManager(String host, int port) {
    return new PinningTrustManager(platform(), this, host, port);
  }

  /** An SSL context that trusts what {@code tm} trusts. */
  static SSLContext context(PinningTrustManager tm) {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, new TrustManager[] {tm}, null);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM: " + e, e);
    }
  }

  /** Called by the trust manager: the last certificate refused at its address. */
  void refused(ServerCertificate certificate) {
    refused.put(certificate.address(), certificate);
  }

  /** The certificate last refused for {@code server} ({@code wss://host:port}), for asking the user. */
  public Optional<ServerCertificate> lastRefused(URI server) {
    return Optional.ofNullable(refused.get(key(server.getHost(), port(server))));
  }

  /** The port of a {@code ws://}/{@code wss://} URI, defaulting to 80/443. */
  public static int port(URI server) {
    return server.getPort() > 0 ? server.getPort() : "wss".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
  }

  /** {@code host:port}, host in lower case, IPv6 literals in brackets: the key of pins and the file. */
  static String key(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.contains(":") && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return h + ":" + port;
  }

  private static volatile X509ExtendedTrustManager platform;

  /** The JVM's default trust (its cacerts), loaded once. */
  private static X509ExtendedTrustManager platform() {
    X509ExtendedTrustManager p = platform;
    if (p != null) {
      return p;
    }
    try {
      TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init((KeyStore) null);
      for (TrustManager tm : f.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          platform = x;
          return x;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the platform's trusted certificates: " + e, e);
    }
    throw new IllegalStateException("the platform has no X.509 trust manager");
  }
}
