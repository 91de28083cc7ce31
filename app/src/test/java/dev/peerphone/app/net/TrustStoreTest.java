package dev.peerphone.app.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprint forms, the known-servers file, pins, and which address is the LAN address. */
class TrustStoreTest {
  private static final String FP = "0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9:0A:1B:2C:3D:4E:5F:60:71:82:93:A4:B5:C6:D7:E8:F9";
  @TempDir Path dir;

  @Test
  void fingerprintsAreReadInAnyHexFormAndMalformedOnesAreRefusedSayingWhatIsExpected() {
    assertEquals(FP, Fingerprints.normalize(FP.toLowerCase(java.util.Locale.ROOT)));
    assertEquals(FP, Fingerprints.normalize(FP.replace(":", "")));
    assertEquals(FP, Fingerprints.normalize(" " + FP.replace(":", " ") + " "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fingerprints.normalize("0A:1B"));
    assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Fingerprints.normalize(FP.replace("0A", "0G")));
    assertThrows(IllegalArgumentException.class, () -> Fingerprints.normalize(null));
  }

  @Test
  void rememberedServersSurviveInTheFileOnePerAddressAndJunkLinesAreSkipped() throws Exception {
    Path file = dir.resolve("sub/peerphone/known-servers");
    KnownServers known = new KnownServers(file);
    assertEquals(Optional.empty(), known.get("h:1"));
    known.put("h:1", FP);
    known.put("[::1]:2", FP);
    String other = FP.replace("0A", "FF");
    known.put("h:1", other);
    Files.writeString(file, Files.readString(file) + "garbage line here\nh:3 not-a-fingerprint\n");
    KnownServers again = new KnownServers(file);
    assertEquals(Optional.of(other), again.get("h:1"));
    assertEquals(Optional.of(FP), again.get("[::1]:2"));
    assertEquals(Optional.empty(), again.get("h:3"));
    assertEquals(1, Files.readAllLines(file).stream().filter(l -> l.startsWith("h:1 ")).count());
  }

  @Test
  void pinsAreForOneHostAndPortAndAChangeIsReportedWithThePreviousFingerprint() throws Exception {
    ServerTrust trust = new ServerTrust(new KnownServers(dir.resolve("known-servers")));
    trust.pin("Example.ORG", 9443, FP.toLowerCase(java.util.Locale.ROOT));
    assertTrue(trust.trusts("example.org", 9443, FP));
    assertFalse(trust.trusts("example.org", 9444, FP));
    assertFalse(trust.trusts("example.net", 9443, FP));
    String other = FP.replace("0A", "FF");
    assertEquals(new ServerTrust.Verdict(false, FP), trust.verdict("example.org", 9443, other));
    assertEquals(new ServerTrust.Verdict(false, null), trust.verdict("example.net", 9443, other));
    trust.remember(new ServerCertificate("10.0.0.5", 9090, other, null));
    assertTrue(new ServerTrust(new KnownServers(dir.resolve("known-servers"))).trusts("10.0.0.5", 9090, other));
    assertTrue(Files.readString(dir.resolve("known-servers")).contains("10.0.0.5:9090 " + other));
  }

  @Test
  void theKnownServersFileFollowsXdgConfigHome() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path expected = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg, "peerphone", "known-servers")
        : Path.of(System.getProperty("user.home"), ".config", "peerphone", "known-servers");
    assertEquals(expected, KnownServers.defaultFile());
  }

  @Test
  void theLanAddressIsNeverLoopbackOrLinkLocalAndPrefersTheDefaultRoute() throws Exception {
    var lo = new LanAddress.Interface("lo", List.of(v4("127.0.0.1")));
    var docker = new LanAddress.Interface("docker0", List.of(v4("172.17.0.1")));
    var wlan = new LanAddress.Interface("wlan0", List.of(v4("169.254.3.4"), v4("192.168.1.20")));
    assertEquals(v4("192.168.1.20"), LanAddress.choose(List.of(lo, docker, wlan), Set.of("wlan0")).orElseThrow());
    assertEquals(v4("172.17.0.1"), LanAddress.choose(List.of(lo, docker, wlan), Set.of()).orElseThrow());
    assertEquals(Optional.empty(), LanAddress.choose(List.of(lo), Set.of()));
    assertEquals(Set.of("eth0"), LanAddress.defaultRouteInterfaces(List.of(
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
        "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
        "tun0\t0000000A\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0")));
    // This machine: whatever it picks is a real, non-loopback, non-link-local IPv4 address.
    InetAddress here = InetAddress.getByName(LanAddress.find().orElseThrow());
    assertTrue(here instanceof Inet4Address && !here.isLoopbackAddress() && !here.isLinkLocalAddress(), here.toString());
  }

  private static Inet4Address v4(String a) throws Exception {
    return (Inet4Address) InetAddress.getByName(a);
  }
}
