package dev.peerphone.signaling.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM certificates and keys as certbot and openssl write them, and reloading them. */
class PemTlsTest {
  @TempDir
  Path dir;

  private ServerTls open(String certPem, String keyPem) throws Exception {
    Files.writeString(dir.resolve("fullchain.pem"), certPem);
    Files.writeString(dir.resolve("privkey.pem"), keyPem);
    return ServerTls.open(new TlsSource.Pem(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem")));
  }

  @Test
  void readsPkcs8AndTraditionalRsaAndEcKeys() throws Exception {
    TestCertificates.Issued root = TestCertificates.root("root");
    for (String algorithm : new String[] {"RSA", "EC"}) {
      KeyPair keys = TestCertificates.keys(algorithm);
      TestCertificates.Issued leaf = TestCertificates.issue(root, "leaf-" + algorithm, keys, false);
      String chain = TestCertificates.pem(leaf.cert(), root.cert());
      ServerTls pkcs8 = open(chain, TestCertificates.pkcs8(keys.getPrivate()));
      assertEquals(leaf.cert(), pkcs8.certificate(), algorithm + " PKCS#8");
      String traditional = TestCertificates.traditional(keys);
      assertTrue(traditional.contains("BEGIN " + algorithm + " PRIVATE KEY"), traditional);
      assertEquals(leaf.cert(), open(chain, traditional).certificate(), algorithm + " traditional");
    }
  }

  @Test
  void fingerprintIsColonHexOfTheSha256OfTheCertificate() throws Exception {
    KeyPair keys = TestCertificates.keys("EC");
    X509Certificate cert = TestCertificates.issue(null, "self", keys, false).cert();
    String fingerprint = open(TestCertificates.pem(cert), TestCertificates.pkcs8(keys.getPrivate())).fingerprint();
    assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
    assertEquals(String.format("%02X", digest[0]) + ":" + String.format("%02X", digest[1]), fingerprint.substring(0, 5));
  }

  @Test
  void badFilesGetAClearError() throws Exception {
    KeyPair keys = TestCertificates.keys("EC");
    KeyPair other = TestCertificates.keys("EC");
    String cert = TestCertificates.pem(TestCertificates.issue(null, "self", keys, false).cert());
    assertTrue(assertThrows(TlsException.class, () -> open("hello", TestCertificates.pkcs8(keys.getPrivate())))
        .getMessage().contains("no certificate"));
    assertTrue(assertThrows(TlsException.class, () -> open(cert, cert)).getMessage().contains("expected a private key"));
    assertTrue(assertThrows(TlsException.class, () -> open(cert, "")).getMessage().contains("no private key"));
    assertTrue(assertThrows(TlsException.class, () -> open(cert, TestCertificates.pkcs8(other.getPrivate())))
        .getMessage().contains("does not belong to the certificate"));
    Path missing = dir.resolve("missing.pem");
    assertTrue(assertThrows(TlsException.class, () -> ServerTls.open(new TlsSource.Pem(missing, missing)))
        .getMessage().contains("Cannot read " + missing));
  }

  @Test
  void changedFilesReplaceTheCertificateAndBrokenOnesKeepTheOld() throws Exception {
    KeyPair first = TestCertificates.keys("EC");
    X509Certificate firstCert = TestCertificates.issue(null, "first", first, false).cert();
    ServerTls tls = open(TestCertificates.pem(firstCert), TestCertificates.pkcs8(first.getPrivate()));
    javax.net.ssl.SSLContext context = tls.context();

    Files.writeString(dir.resolve("fullchain.pem"), "-----BEGIN CERTIFICATE-----\nbroken\n");
    tls.reloadIfChanged();
    assertEquals(firstCert, tls.certificate(), "a broken file keeps the old certificate");

    KeyPair second = TestCertificates.keys("RSA");
    X509Certificate secondCert = TestCertificates.issue(null, "second", second, false).cert();
    Files.writeString(dir.resolve("fullchain.pem"), TestCertificates.pem(secondCert));
    tls.reloadIfChanged();
    assertEquals(firstCert, tls.certificate(), "the new certificate with the old key is a mismatch: kept");
    Files.writeString(dir.resolve("privkey.pem"), TestCertificates.traditional(second));
    tls.reloadIfChanged();
    assertEquals(secondCert, tls.certificate());
    assertNotEquals(ServerTls.fingerprint(firstCert), tls.fingerprint());
    assertTrue(context == tls.context(), "the same SSLContext serves the new certificate");
  }
}
