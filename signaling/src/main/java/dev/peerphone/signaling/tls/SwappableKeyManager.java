package dev.peerphone.signaling.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Serves whichever {@link Identity} is current: {@link #use} swaps it atomically, so new TLS
 * handshakes get the new certificate while established connections keep theirs. Each identity
 * gets its own alias, and the previous one stays resolvable, so a handshake that chose an alias
 * just before a swap still finds its key. Thread-safe.
 */
final class SwappableKeyManager extends X509ExtendedKeyManager {
  private record Entry(String alias, Identity identity) {}

  private final AtomicInteger generation = new AtomicInteger();
  private volatile Entry current;
  private volatile Entry previous;

  SwappableKeyManager(Identity identity) {
    use(identity);
  }

  synchronized void use(Identity identity) {
    previous = current;
    current = new Entry("peerphone-" + generation.incrementAndGet(), identity);
  }

  Identity current() {
    return current.identity();
  }

  private String alias(String keyType) {
    Entry e = current;
    String algorithm = e.identity().key().getAlgorithm();
    return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")) ? e.alias() : null;
  }

  private Entry entry(String alias) {
    Entry c = current;
    if (c.alias().equals(alias)) {
      return c;
    }
    Entry p = previous;
    return p != null && p.alias().equals(alias) ? p : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = alias(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Entry e = entry(alias);
    return e == null ? null : e.identity().chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Entry e = entry(alias);
    return e == null ? null : e.identity().key();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
