package dev.peerphone.signaling.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** A private key and the certificate chain it serves (leaf first). */
record Identity(PrivateKey key, X509Certificate[] chain) {
  X509Certificate leaf() {
    return chain[0];
  }

  /** Checks that the key belongs to the leaf certificate (sign, then verify with the certificate). */
  void verifyKeyMatches(String what) throws TlsException {
    try {
      String algorithm = switch (key.getAlgorithm()) {
        case "RSA" -> "SHA256withRSA";
        case "EC" -> "SHA256withECDSA";
        case "Ed25519", "EdDSA" -> "Ed25519";
        default -> throw new TlsException(what + ": unsupported key type " + key.getAlgorithm());
      };
      byte[] probe = "peerphone".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(leaf().getPublicKey());
      verify.update(probe);
      if (!verify.verify(signature)) {
        throw new TlsException(what + ": the private key does not belong to the certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new TlsException(what + ": the private key does not belong to the certificate (" + e.getMessage() + ")", e);
    }
  }

  /** SHA-256 of the certificate, upper-case hex pairs separated by colons, as browsers show it. */
  static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
