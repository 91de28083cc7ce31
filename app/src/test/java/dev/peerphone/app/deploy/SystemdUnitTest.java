package dev.peerphone.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerphone.app.testing.Coturn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/peerphone-server.service} is a valid, hardened unit (systemd's own checker), and
 * its TURN options match {@code deploy/turnserver.conf} (which the relay tests run coturn from).
 */
class SystemdUnitTest {
  private static final Path DEPLOY = Coturn.config().getParent();

  @Test
  void systemdAcceptsTheUnitWithoutWarnings() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    assumeTrue(Files.isExecutable(analyze), "systemd-analyze (package systemd) is not installed");
    Process p = new ProcessBuilder(analyze.toString(), "verify", DEPLOY.resolve("peerphone-server.service").toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertEquals("", out.strip(), "warnings from systemd-analyze verify");
  }

  @Test
  void theUnitIsHardenedAndHandsOutCredentialsForTheCoturnConfig() throws Exception {
    String unit = Files.readString(DEPLOY.resolve("peerphone-server.service"));
    for (String line : new String[] {"NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes",
        "PrivateTmp=yes", "CapabilityBoundingSet=CAP_NET_BIND_SERVICE", "User=peerphone"}) {
      assertTrue(unit.lines().anyMatch(line::equals), "missing " + line);
    }
    String turn = Files.readString(DEPLOY.resolve("turnserver.conf"));
    assertTrue(turn.lines().anyMatch("use-auth-secret"::equals), "coturn takes TURN REST credentials");
    assertTrue(unit.contains("--turn-secret") && unit.contains("--turn turn:${PEERPHONE_DOMAIN}:3478"),
        "the server issues them for coturn's port");
    assertTrue(turn.lines().anyMatch("listening-port=3478"::equals));
  }
}
