package dev.peerphone.signaling.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server's SSLContext from a PKCS12 or JKS keystore. */
final class Tls {
  private Tls() {}

  static SSLContext serverContext(Path keystore, String password) throws IOException {
    char[] secret = password == null ? new char[0] : password.toCharArray();
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType()); // PKCS12, reads JKS too
      store.load(in, secret);
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot use keystore " + keystore + ": " + e.getMessage(), e);
    }
  }
}
