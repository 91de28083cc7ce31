package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.signaling.tls.ServerTls;
import dev.peerphone.signaling.tls.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS out of the box: a cached self-signed certificate, certbot's PEM files reloaded live, and plain http redirected. */
class TlsServingTest {
  @TempDir
  Path dir;

  private static URI wss(int port, String path) {
    return URI.create("wss://127.0.0.1:" + port + path);
  }

  @Test
  void selfSignedServesWssAndHttpsOnBothPortsAndIsReusedOnRestart() throws Exception {
    String fingerprint;
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withSelfSignedTls(dir))) {
      fingerprint = f.server.tlsFingerprint();
      assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
      X509Certificate cert = f.server.tlsCertificate();
      assertEquals(fingerprint, ServerTls.fingerprint(cert));
      SSLContext pinned = TestCertificates.trusting(cert);
      assertEquals(wss(f.server.port(), "/"), f.uri());
      assertEquals(wss(f.server.httpPort(), "/ws"), f.server.sameOriginWebSocketUri());
      TestClient desk = f.track(TestClient.connect(f.uri(), Map.of(), pinned));
      TestClient page = f.track(TestClient.connect(f.server.sameOriginWebSocketUri(), Map.of(), pinned));
      desk.send("{\"type\":\"login\",\"name\":\"desk\",\"features\":[\"ring\"]}");
      assertTrue(desk.next("login").get("success").getAsBoolean());
      page.send("{\"type\":\"login\",\"name\":\"page\"}");
      assertTrue(page.next("login").get("success").getAsBoolean());
      page.send("{\"type\":\"chat\",\"name\":\"desk\",\"text\":\"over wss\"}");
      assertEquals("over wss", desk.nextSkippingUsers("chat").get("text").getAsString());
      HttpClient https = HttpClient.newBuilder().sslContext(pinned).build();
      HttpResponse<String> index = https.send(HttpRequest.newBuilder(f.server.httpUri().resolve("/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, index.statusCode());
      assertTrue(index.body().contains("app.js"));
      assertTrue(Files.exists(dir.resolve("cert.pem")) && Files.exists(dir.resolve("key.pem")));
    }
    try (ServerFixture again = new ServerFixture(ServerConfig.defaults().withSelfSignedTls(dir))) {
      assertEquals(fingerprint, again.server.tlsFingerprint(), "the cached certificate, not a new one");
    }
  }

  @Test
  void pemChainIsServedAndReplacedFilesArePickedUpWhileConnectionsStay() throws Exception {
    TestCertificates.Issued root = TestCertificates.root("Test Root");
    TestCertificates.Issued intermediate = TestCertificates.issue(root, "Test Intermediate",
        TestCertificates.keys("EC"), true);
    KeyPair firstKeys = TestCertificates.keys("EC");
    TestCertificates.Issued first = TestCertificates.issue(intermediate, "first", firstKeys, false);
    Path cert = dir.resolve("fullchain.pem");
    Path key = dir.resolve("privkey.pem");
    Files.writeString(cert, TestCertificates.pem(first.cert(), intermediate.cert()));
    Files.writeString(key, TestCertificates.pkcs8(firstKeys.getPrivate()));
    SSLContext trustRootOnly = TestCertificates.trusting(root.cert());
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withPemTls(cert, key))) {
      for (int port : new int[] {f.server.port(), f.server.httpPort()}) {
        Certificate[] chain = TestCertificates.presented(port, trustRootOnly); // verifies only with the intermediate
        assertEquals(List.of(first.cert(), intermediate.cert()), List.of(chain));
      }
      TestClient open = f.track(TestClient.connect(f.server.sameOriginWebSocketUri(), Map.of(), trustRootOnly));
      open.send("{\"type\":\"login\",\"name\":\"stays\"}");
      assertTrue(open.next("login").get("success").getAsBoolean());

      KeyPair secondKeys = TestCertificates.keys("RSA");
      TestCertificates.Issued second = TestCertificates.issue(intermediate, "second", secondKeys, false);
      Files.writeString(key, TestCertificates.traditional(secondKeys)); // certbot renews: new key, then new chain
      Files.writeString(cert, TestCertificates.pem(second.cert(), intermediate.cert()));
      assertEquals(second.cert(), awaitPresented(f.server.httpPort(), trustRootOnly, second.cert()));
      assertEquals(second.cert(), TestCertificates.presented(f.server.port(), trustRootOnly)[0]);
      assertEquals(ServerTls.fingerprint(second.cert()), f.server.tlsFingerprint());
      ErrorsTest.assertStillUsable(open);

      Files.writeString(cert, "-----BEGIN CERTIFICATE-----\ntruncated");
      TestClient late = f.track(TestClient.connect(f.uri(), Map.of(), trustRootOnly));
      late.send("{\"type\":\"ping\"}");
      late.nextSkippingUsers("pong");
      assertEquals(second.cert(), TestCertificates.presented(f.server.port(), trustRootOnly)[0],
          "a broken file keeps the certificate it replaced");
    }
  }

  /** Polls fresh handshakes until the server presents {@code expected} (the server checks the files every 2 s). */
  private static Certificate awaitPresented(int port, SSLContext client, X509Certificate expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    Certificate seen = TestCertificates.presented(port, client)[0];
    while (!seen.equals(expected) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      seen = TestCertificates.presented(port, client)[0];
    }
    return seen;
  }

  @Test
  void plainHttpOnATlsPortIsRedirectedToHttps() throws Exception {
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withSelfSignedTls(dir))) {
      int port = f.server.httpPort();
      String reply = SameOriginTest.raw(port, "GET /?ws=x HTTP/1.1\r\nHost: peerphone.test:" + port + "\r\n\r\n", null);
      assertTrue(reply.startsWith("HTTP/1.1 308 Permanent Redirect\r\n"), reply);
      assertTrue(reply.contains("\r\nLocation: https://peerphone.test:" + port + "/?ws=x\r\n"), reply);
      String noHost = SameOriginTest.raw(port, "HEAD /healthz HTTP/1.0\r\n\r\n", null);
      assertTrue(noHost.contains("\r\nLocation: https://127.0.0.1:" + port + "/healthz\r\n"), noHost);
      assertTrue(noHost.endsWith("\r\n\r\n"), "HEAD: no body: " + noHost);
      String injected = SameOriginTest.raw(port, "GET / HTTP/1.1\r\nHost: evil.example/<x>\r\n\r\n", null);
      assertTrue(injected.contains("\r\nLocation: https://127.0.0.1:" + port + "/\r\n"), injected);
      // ws:// to the wss WebSocket port: the same redirect, and closed
      int wsPort = f.server.port();
      String upgrade = SameOriginTest.raw(wsPort, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + wsPort
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n", null);
      assertTrue(upgrade.startsWith("HTTP/1.1 308 "), upgrade);
      assertFalse(upgrade.contains("101"), upgrade);
      // and TLS clients on the same port are unaffected
      SSLContext pinned = TestCertificates.trusting(f.server.tlsCertificate());
      HttpResponse<String> health = HttpClient.newBuilder().sslContext(pinned).build().send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("ok", health.body().strip());
    }
  }

  @Test
  void badPemFilesStopTheServerWithAClearMessageAndExitCode2() throws Exception {
    Path cert = Files.writeString(dir.resolve("fullchain.pem"), "not a certificate");
    Path key = Files.writeString(dir.resolve("privkey.pem"), "not a key");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.peerphone.signaling.cli.ServerMain",
        "--host", "127.0.0.1", "--port", "0", "--http-port", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString()));
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "exits");
    String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, server.exitValue(), output);
    assertTrue(output.contains("peerphone server: ") && output.contains(key.toString()), output);
    assertFalse(output.contains("\tat "), "no stack trace: " + output);
    assertNotEquals("", output.strip());
  }
}
