package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.rtc.VideoQuality;
import org.junit.jupiter.api.Test;

class DesktopOptionsTest {
  @Test
  void theEmbeddedServerServesTlsWithItsSelfSignedCertificateUnlessNoTls() {
    dev.peerphone.signaling.server.ServerConfig byDefault = DesktopOptions.parse(new String[0]).embeddedServer();
    assertTrue(byDefault.tls());
    assertTrue(byDefault.tlsSource() instanceof dev.peerphone.signaling.tls.TlsSource.SelfSigned, byDefault.tlsSource().toString());
    assertEquals(9090, byDefault.port());
    assertEquals(8080, byDefault.httpPort());
    assertFalse(DesktopOptions.parse(new String[] {"--no-tls"}).embeddedServer().tls());
    assertTrue(DesktopOptions.USAGE.contains("--no-tls"));
  }

  @Test
  void videoQualityIsReadAsWidthHeightAtFpsAndLeftUnsetByDefault() {
    assertEquals(new VideoQuality(1280, 720, 15), DesktopOptions.parse(new String[] {"--video", "1280x720@15"}).video());
    assertNull(DesktopOptions.parse(new String[0]).video());
    assertTrue(DesktopOptions.USAGE.contains("--video WxH@FPS"));
  }

  @Test
  void aBadVideoQualityIsRefusedNamingTheOptionAndTheExpectedFormat() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DesktopOptions.parse(new String[] {"--video", "12x@x"}));
    assertTrue(e.getMessage().startsWith("--video: ") && e.getMessage().contains("WIDTHxHEIGHT@FPS"), e.getMessage());
  }

  @Test
  void trustFingerprintIsNormalisedPinnedForTheServerAndRefusedWithoutOneOrMalformed() throws Exception {
    String hex = "ab".repeat(32);
    DesktopOptions o = DesktopOptions.parse(new String[] {"--server", "wss://10.0.0.5:9443/", "--trust-fingerprint", hex});
    assertEquals("AB:AB:AB", o.trustFingerprint().substring(0, 8));
    java.nio.file.Path file = java.nio.file.Files.createTempDirectory("trust").resolve("known-servers");
    dev.peerphone.app.net.ServerTrust trust = new dev.peerphone.app.net.ServerTrust(new dev.peerphone.app.net.KnownServers(file));
    assertFalse(trust.trusts("10.0.0.5", 9443, hex));
    o.pinTrusted(trust);
    assertTrue(trust.trusts("10.0.0.5", 9443, hex));
    assertFalse(trust.trusts("10.0.0.5", 9090, hex), "for that server only");
    assertFalse(java.nio.file.Files.exists(file), "for this run only");
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DesktopOptions.parse(new String[] {"--trust-fingerprint", hex})).getMessage().contains("needs --server"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> DesktopOptions.parse(new String[] {"--server", "h", "--trust-fingerprint", "AB:CD"})).getMessage()
        .startsWith("--trust-fingerprint: not a SHA-256 fingerprint"));
  }

  @Test
  void theServerFieldTakesHostPortWebSocketUrisAndTheBrowserLink() {
    assertEquals("ws://example.org:9090/", ClientBackend.parseServer("example.org").toString());
    assertEquals("ws://10.0.0.5:9091/", ClientBackend.parseServer(" 10.0.0.5:9091 ").toString());
    assertEquals("wss://10.0.0.5:9443/", ClientBackend.parseServer("wss://10.0.0.5:9443/").toString());
    assertEquals("wss://10.0.0.5:8080/ws", ClientBackend.parseServer("https://10.0.0.5:8080/").toString());
    assertEquals("ws://10.0.0.5:8080/ws", ClientBackend.parseServer("http://10.0.0.5:8080").toString());
    assertEquals("wss://example.org:443/ws", ClientBackend.parseServer("https://example.org/").toString());
    assertThrows(IllegalArgumentException.class, () -> ClientBackend.parseServer("https:///nohost"));
  }

  @Test
  void themeIsLightDarkOrSystemAndLeftUnsetByDefault() {
    assertNull(DesktopOptions.parse(new String[0]).theme());
    assertEquals(Theme.DARK, DesktopOptions.parse(new String[] {"--theme", "dark"}).theme());
    assertEquals(Theme.SYSTEM, DesktopOptions.parse(new String[] {"--theme", "System"}).theme());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DesktopOptions.parse(new String[] {"--theme", "purple"}));
    assertTrue(e.getMessage().startsWith("--theme: expected light, dark or system"), e.getMessage());
    assertTrue(DesktopOptions.USAGE.contains("--theme light|dark|system"));
  }
}
