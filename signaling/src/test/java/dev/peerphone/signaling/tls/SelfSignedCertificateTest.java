package dev.peerphone.signaling.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine's self-signed certificate: made once, cached privately, reused, made anew when stale. */
class SelfSignedCertificateTest {
  @TempDir
  Path dir;

  private final Clock now = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private static String fingerprint(Identity identity) {
    return Identity.fingerprint(identity.leaf());
  }

  @Test
  void coversLoopbackAndEveryAddressOfThisMachine() throws Exception {
    Identity identity = SelfSignedCertificate.ensure(dir, MachineNames.current(), now);
    MachineNames sans = SelfSignedCertificate.subjectAltNames(identity.leaf());
    assertTrue(sans.dnsNames().contains("localhost"), sans.toString());
    assertTrue(sans.addresses().containsAll(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1")), sans.toString());
    Set<String> expected = new HashSet<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp()) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (!(a instanceof Inet6Address && a.isLinkLocalAddress())) {
            expected.add(InetAddress.getByAddress(a.getAddress()).getHostAddress());
          }
        }
      }
    }
    assertTrue(expected.stream().anyMatch(a -> !a.startsWith("127.") && !a.equals("0:0:0:0:0:0:0:1")),
        "this machine has a non-loopback address: " + expected);
    assertTrue(sans.addresses().containsAll(expected), sans + " covers " + expected);
    String host = InetAddress.getLocalHost().getHostName().toLowerCase();
    assertTrue(sans.dnsNames().contains(host), sans + " names " + host);
    assertEquals(Set.of("digitalSignature"), keyUsage(identity), "a server certificate, not a CA");
    assertEquals(-1, identity.leaf().getBasicConstraints(), "not a CA (Firefox refuses CA certificates as servers)");
  }

  private static Set<String> keyUsage(Identity identity) {
    boolean[] usage = identity.leaf().getKeyUsage();
    Set<String> names = new HashSet<>();
    if (usage[0]) {
      names.add("digitalSignature");
    }
    for (int i = 1; i < usage.length; i++) {
      if (usage[i]) {
        names.add("bit" + i);
      }
    }
    return names;
  }

  @Test
  void isCachedWithAPrivateKeyFileAndReused() throws Exception {
    MachineNames names = new MachineNames(Set.of("localhost", "box"), Set.of("127.0.0.1", "192.0.2.7"));
    Identity first = SelfSignedCertificate.ensure(dir, names, now);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.pem"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    assertTrue(Files.readString(dir.resolve("key.pem")).contains("BEGIN PRIVATE KEY"));
    Identity again = SelfSignedCertificate.ensure(dir, names, Clock.offset(now, Duration.ofDays(300)));
    assertEquals(fingerprint(first), fingerprint(again), "reused while it covers the names and is not near expiry");
    Identity fewer = SelfSignedCertificate.ensure(dir, new MachineNames(Set.of("localhost"), Set.of("127.0.0.1")), now);
    assertEquals(fingerprint(first), fingerprint(fewer), "a name gone is still covered");
  }

  @Test
  void isMadeAnewForANewAddressOrNearExpiry() throws Exception {
    MachineNames names = new MachineNames(Set.of("localhost"), Set.of("127.0.0.1", "192.0.2.7"));
    Identity first = SelfSignedCertificate.ensure(dir, names, now);
    MachineNames moved = new MachineNames(Set.of("localhost"), Set.of("127.0.0.1", "198.51.100.4"));
    Identity second = SelfSignedCertificate.ensure(dir, moved, now);
    assertNotEquals(fingerprint(first), fingerprint(second), "a new address");
    assertTrue(SelfSignedCertificate.subjectAltNames(second.leaf()).addresses().contains("198.51.100.4"));
    assertEquals(fingerprint(second), fingerprint(SelfSignedCertificate.ensure(dir, moved, now)), "then cached");
    Identity third = SelfSignedCertificate.ensure(dir, moved, Clock.offset(now, Duration.ofDays(340)));
    assertNotEquals(fingerprint(second), fingerprint(third), "25 days before expiry");
  }

  @Test
  void aDamagedCacheIsReplaced() throws Exception {
    MachineNames names = new MachineNames(Set.of("localhost"), Set.of("127.0.0.1"));
    SelfSignedCertificate.ensure(dir, names, now);
    Files.writeString(dir.resolve("key.pem"), "garbage");
    Identity fresh = SelfSignedCertificate.ensure(dir, names, now);
    assertEquals(fingerprint(fresh), fingerprint(SelfSignedCertificate.ensure(dir, names, now)));
  }
}
