package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.net.KnownServers;
import dev.peerphone.app.net.ServerCertificate;
import dev.peerphone.app.net.ServerTrust;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.TlsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./peerphone headless} against a real {@code wss://} server with a self-signed certificate:
 * refused with a typed error naming the fingerprint, accepted when told the fingerprint or when it
 * is remembered, refused again when the certificate changes.
 */
class HeadlessTrustTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(40);
  @TempDir Path dir;
  private Path config;
  private Path keystore;
  private String fingerprint;
  private TlsServer server;
  private final List<HeadlessProcess> procs = new ArrayList<>();

  @BeforeEach
  void start() {
    config = dir.resolve("config");
    keystore = TlsServer.keystore(dir, "first");
    fingerprint = TlsServer.fingerprint(keystore);
    server = new TlsServer(keystore);
  }

  @AfterEach
  void stop() {
    procs.forEach(HeadlessProcess::close);
    server.close();
  }

  private HeadlessProcess peer(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of("--server", server.uri().toString(), "--name", name, "--fake-audio"));
    args.addAll(List.of(extra));
    HeadlessProcess p = new HeadlessProcess(name, args, Map.of("XDG_CONFIG_HOME", config.toString()));
    procs.add(p);
    return p;
  }

  private Path knownServers() {
    return config.resolve("peerphone/known-servers");
  }

  @Test
  void anUntrustedCertificateIsRefusedWithATypedErrorNamingItsFingerprintAndNothingIsRemembered() throws Exception {
    HeadlessProcess alice = peer("alice");
    JsonObject e = alice.await("error", TIMEOUT);
    assertEquals("untrusted-certificate", e.get("code").getAsString());
    assertEquals(fingerprint, e.get("fingerprint").getAsString());
    assertEquals("127.0.0.1", e.get("host").getAsString());
    assertEquals(server.port(), e.get("port").getAsInt());
    assertFalse(e.get("changed").getAsBoolean());
    assertTrue(e.get("message").getAsString().contains("--trust-fingerprint " + fingerprint), e.toString());
    assertEquals(1, alice.waitForExit(TIMEOUT));
    assertFalse(Files.exists(knownServers()), "a refusal writes nothing");
  }

  @Test
  void trustFingerprintConnectsInAnyHexFormAndAWrongOneIsStillRefused() throws Exception {
    String bare = fingerprint.replace(":", "").toLowerCase(java.util.Locale.ROOT);
    peer("alice", "--trust-fingerprint", bare).await("logged-in", TIMEOUT);
    String wrong = (fingerprint.startsWith("00") ? "11" : "00") + fingerprint.substring(2);
    HeadlessProcess mallory = peer("mallory", "--trust-fingerprint", wrong);
    JsonObject e = mallory.await("error", TIMEOUT);
    assertEquals("untrusted-certificate", e.get("code").getAsString());
    assertEquals(fingerprint, e.get("fingerprint").getAsString());
    assertEquals(1, mallory.waitForExit(TIMEOUT));
    HeadlessProcess typo = peer("typo", "--trust-fingerprint", "AB:CD");
    assertEquals(2, typo.waitForExit(TIMEOUT), "a malformed fingerprint is a usage error");
    assertFalse(Files.exists(knownServers()), "--trust-fingerprint is for this run only");
  }

  @Test
  void aRememberedCertificateConnectsAndAChangedOneIsRefusedAgainWithAWarning() throws Exception {
    new ServerTrust(new KnownServers(knownServers()))
        .remember(new ServerCertificate("127.0.0.1", server.port(), fingerprint, null));
    assertTrue(Files.readString(knownServers()).contains("127.0.0.1:" + server.port() + " " + fingerprint));
    HeadlessProcess alice = peer("alice");
    alice.await("logged-in", TIMEOUT);

    Path second = TlsServer.keystore(dir, "second");
    String changed = TlsServer.fingerprint(second);
    assertNotEquals(fingerprint, changed);
    server.restart(second);
    // The connected peer reconnects, meets the new certificate and stops.
    JsonObject lost = alice.await("error", TIMEOUT);
    assertEquals("untrusted-certificate", lost.get("code").getAsString());
    assertTrue(lost.get("message").getAsString().contains(changed), lost.toString());
    assertTrue(lost.get("message").getAsString().contains("CHANGED"), lost.toString());
    assertEquals(1, alice.waitForExit(TIMEOUT));

    HeadlessProcess bob = peer("bob");
    JsonObject e = bob.await("error", TIMEOUT);
    assertEquals("untrusted-certificate", e.get("code").getAsString());
    assertTrue(e.get("changed").getAsBoolean());
    assertEquals(changed, e.get("fingerprint").getAsString());
    assertEquals(fingerprint, e.get("previousFingerprint").getAsString());
    assertEquals(1, bob.waitForExit(TIMEOUT));
    assertTrue(Files.readString(knownServers()).contains(fingerprint), "the remembered one stays until the user decides");
  }
}
