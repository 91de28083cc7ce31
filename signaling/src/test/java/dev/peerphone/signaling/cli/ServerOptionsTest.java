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

/** The TLS options of {@code ./peerphone server}. */
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
}
