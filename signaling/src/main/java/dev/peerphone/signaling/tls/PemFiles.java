package dev.peerphone.signaling.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Reads and writes PEM certificates and keys (BouncyCastle's parser; formats as certbot and openssl write them). */
final class PemFiles {
  private PemFiles() {}

  /** The key and chain in two PEM files; checks that the key belongs to the first certificate. */
  static Identity load(Path certificate, Path key) throws TlsException {
    return parse(read(certificate), certificate.toString(), read(key), key.toString());
  }

  static byte[] read(Path file) throws TlsException {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static Identity parse(byte[] certificatePem, String certificateName, byte[] keyPem, String keyName)
      throws TlsException {
    Identity identity = new Identity(privateKey(keyPem, keyName),
        chain(certificatePem, certificateName).toArray(X509Certificate[]::new));
    identity.verifyKeyMatches(keyName + " and " + certificateName);
    return identity;
  }

  private static List<X509Certificate> chain(byte[] pem, String name) throws TlsException {
    List<X509Certificate> chain = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = parser(pem)) {
      for (Object o; (o = parser.readObject()) != null; ) {
        if (o instanceof X509CertificateHolder holder) {
          chain.add(converter.getCertificate(holder));
        }
      }
    } catch (IOException | CertificateException | RuntimeException e) {
      throw new TlsException(name + ": not a PEM certificate file (" + e.getMessage() + ")", e);
    }
    if (chain.isEmpty()) {
      throw new TlsException(name + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    return chain;
  }

  private static PrivateKey privateKey(byte[] pem, String name) throws TlsException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (PEMParser parser = parser(pem)) {
      for (Object o; (o = parser.readObject()) != null; ) {
        if (o instanceof PEMKeyPair pair) { // BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY
          return converter.getPrivateKey(pair.getPrivateKeyInfo()); // the public part may be absent (EC)
        } else if (o instanceof PrivateKeyInfo info) { // BEGIN PRIVATE KEY (PKCS#8)
          return converter.getPrivateKey(info);
        } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new TlsException(name + ": the key is encrypted; give an unencrypted key (as certbot writes it)");
        } else if (!(o instanceof ASN1ObjectIdentifier)) { // EC PARAMETERS before the key: skip
          throw new TlsException(name + ": expected a private key, found " + o.getClass().getSimpleName());
        }
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof TlsException t) {
        throw t;
      }
      throw new TlsException(name + ": not a PEM private key (" + e.getMessage() + ")", e);
    }
    throw new TlsException(name + ": no private key in it (expected -----BEGIN PRIVATE KEY-----)");
  }

  private static PEMParser parser(byte[] pem) {
    Reader reader = new StringReader(new String(pem, StandardCharsets.US_ASCII));
    return new PEMParser(reader);
  }

  static String certificatePem(X509Certificate certificate) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    }
    return out.toString();
  }

  /** PKCS#8, {@code BEGIN PRIVATE KEY}. */
  static String keyPem(PrivateKey key) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    return out.toString();
  }
}
