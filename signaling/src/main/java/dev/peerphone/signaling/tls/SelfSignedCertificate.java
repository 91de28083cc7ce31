package dev.peerphone.signaling.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This machine's self-signed certificate (EC P-256, one year), cached as {@code cert.pem} and
 * {@code key.pem} (mode 0600) in a directory: reused while it covers the machine's current
 * names and addresses and has more than {@link #RENEW_BEFORE} left, else made anew. Reusing it
 * keeps its fingerprint, so browsers and desktop clients that accepted it once keep trusting it.
 */
public final class SelfSignedCertificate {
  private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);
  static final Duration VALIDITY = Duration.ofDays(365);
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private SelfSignedCertificate() {}

  /** {@code ~/.config/peerphone/tls} (under {@code $XDG_CONFIG_HOME} when that is set). */
  public static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return config.resolve("peerphone").resolve("tls");
  }

  static Identity ensure(Path dir, MachineNames names, Clock clock) throws TlsException {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    if (Files.exists(cert) && Files.exists(key)) {
      try {
        Identity cached = PemFiles.load(cert, key);
        String stale = staleness(cached.leaf(), names, clock);
        if (stale == null) {
          return cached;
        }
        log.info("Making a new self-signed certificate: the cached one {}", stale);
      } catch (TlsException e) {
        log.warn("Making a new self-signed certificate: the cached one is unusable ({})", e.getMessage());
      }
    }
    Identity fresh = generate(names, clock);
    try {
      save(dir, fresh);
    } catch (IOException e) {
      throw new TlsException("Cannot store the self-signed certificate in " + dir + ": " + e.getMessage(), e);
    }
    return fresh;
  }

  /** Why the certificate must be replaced, or null when it still serves. */
  private static String staleness(X509Certificate cert, MachineNames names, Clock clock) {
    if (cert.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE))) {
      return "expires on " + cert.getNotAfter().toInstant();
    }
    MachineNames covered = subjectAltNames(cert);
    if (!covered.covers(names)) {
      Set<String> missing = new HashSet<>(names.dnsNames());
      missing.removeAll(covered.dnsNames());
      Set<String> missingAddresses = new HashSet<>(names.addresses());
      missingAddresses.removeAll(covered.addresses());
      missing.addAll(missingAddresses);
      return "does not cover " + missing;
    }
    return null;
  }

  /** The DNS names and IP addresses a certificate names in its subjectAltName. */
  static MachineNames subjectAltNames(X509Certificate cert) {
    Set<String> dns = new HashSet<>();
    Set<String> ips = new HashSet<>();
    try {
      if (cert.getSubjectAlternativeNames() != null) {
        for (List<?> san : cert.getSubjectAlternativeNames()) {
          int type = (Integer) san.get(0);
          String value = (String) san.get(1);
          if (type == GeneralName.dNSName) {
            dns.add(value.toLowerCase(Locale.ROOT));
          } else if (type == GeneralName.iPAddress) {
            ips.add(MachineNames.literal(InetAddress.getByName(value)));
          }
        }
      }
    } catch (CertificateParsingException | IOException e) {
      // unreadable names cover nothing
    }
    return new MachineNames(dns, ips);
  }

  static Identity generate(MachineNames names, Clock clock) throws TlsException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      String host = names.dnsNames().stream().filter(n -> !n.equals("localhost") && !n.endsWith(".local"))
          .findFirst().orElse("localhost");
      var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Peerphone")
          .addRDN(BCStyle.CN, host).build();
      Instant now = clock.instant();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(127, new SecureRandom()).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
      List<GeneralName> sans = new ArrayList<>();
      names.dnsNames().forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
      names.addresses().forEach(a -> sans.add(new GeneralName(GeneralName.iPAddress, a)));
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      return new Identity(pair.getPrivate(), new X509Certificate[] {cert});
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new TlsException("Cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static void save(Path dir, Identity identity) throws IOException {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
    FileAttribute<?>[] privateFile = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    writeAtomically(dir, "key.pem", PemFiles.keyPem(identity.key()), privateFile);
    writeAtomically(dir, "cert.pem", PemFiles.certificatePem(identity.leaf()), new FileAttribute<?>[0]);
  }

  private static void writeAtomically(Path dir, String name, String text, FileAttribute<?>[] attributes)
      throws IOException {
    Path temp = Files.createTempFile(dir, name, ".tmp", attributes);
    try {
      Files.writeString(temp, text, StandardCharsets.US_ASCII);
      try {
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
