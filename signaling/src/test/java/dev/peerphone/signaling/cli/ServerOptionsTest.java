package dev.peerphone.signaling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.tls.TlsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS and limit options of {@code ./peerphone server}. */
class ServerOptionsTest {
  @TempDir
  Path dir;

  @Test
  void tlsOptionsChooseTheCertificateSource() throws Exception {
    Path cert = Files.writeString(dir.resolve("fullchain.pem"), "x");
    Path key = Files.writeString(dir.resolve("privkey.pem"), "x");
    assertNull(ServerOptions.parse().tlsSource());
    assertEquals(new TlsSource.SelfSigned(null), ServerOptions.parse("--tls-self-signed").tlsSource());
    assertEquals(new TlsSource.SelfSigned(dir), ServerOptions.parse("--tls-self-signed", "--tls-cache-dir", dir.toString())
        .tlsSource());
    ServerConfig pem = ServerOptions.parse("--tls-cert", cert.toString(), "--tls-key", key.toString());
    assertEquals(new TlsSource.Pem(cert, key), pem.tlsSource());
    assertTrue(pem.tls());
  }

  @Test
  void inconsistentTlsOptionsAreUsageErrors() throws Exception {
    Path cert = Files.writeString(dir.resolve("fullchain.pem"), "x");
    String c = cert.toString();
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--tls-cert", c))
        .getMessage().contains("go together"));
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--tls-self-signed",
        "--tls-cert", c, "--tls-key", c)).getMessage().contains("choose one"));
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--tls-cache-dir", c))
        .getMessage().contains("needs --tls-self-signed"));
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--tls-cert",
        dir.resolve("missing.pem").toString(), "--tls-key", c)).getMessage().contains("cannot read"));
  }

  @Test
  void limitOptionsAndTheirDefaults() throws Exception {
    ServerConfig defaults = ServerOptions.parse();
    assertEquals(256, defaults.maxConnectionsPerIp());
    assertEquals(java.time.Duration.ofSeconds(10), defaults.handshakeTimeout());
    assertEquals(60, defaults.maxLoginsPerMinutePerIp());
    assertEquals(128, defaults.maxNamesPerIp());
    assertEquals(0, defaults.maxConnections());
    assertTrue(defaults.effectiveMaxConnections() >= 16, "derived from the descriptor limit");
    ServerConfig set = ServerOptions.parse("--max-connections", "500", "--handshake-timeout", "3",
        "--max-logins-per-minute-per-ip", "10", "--max-names-per-ip", "4", "--max-connections-per-ip", "0");
    assertEquals(500, set.effectiveMaxConnections());
    assertEquals(java.time.Duration.ofSeconds(3), set.handshakeTimeout());
    assertEquals(10, set.maxLoginsPerMinutePerIp());
    assertEquals(4, set.maxNamesPerIp());
    assertEquals(0, set.maxConnectionsPerIp());
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--handshake-timeout", "0"))
        .getMessage().contains("out of range"));
    assertTrue(assertThrows(ServerOptions.UsageException.class, () -> ServerOptions.parse("--max-connections", "x"))
        .getMessage().contains("needs a number"));
  }
}
