package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ICE servers in the login reply, TLS, and the HTTP side. */
class IceTlsHttpTest {

  @Test
  void loginReplyCarriesStunAndShortLivedTurnCredentials() throws Exception {
    ServerConfig config = ServerConfig.defaults().withIceServers(List.of("stun:stun.example.org:3478"),
        List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"),
        "s3cret", Duration.ofMinutes(10));
    try (ServerFixture f = new ServerFixture(config)) {
      TestClient c = f.connect();
      c.send("{\"type\":\"login\",\"name\":\"alice\"}");
      long now = Instant.now().getEpochSecond();
      JsonArray ice = c.next("login").getAsJsonArray("iceServers");
      assertEquals(2, ice.size());
      JsonObject stun = ice.get(0).getAsJsonObject();
      assertEquals("stun:stun.example.org:3478", stun.getAsJsonArray("urls").get(0).getAsString());
      JsonObject turn = ice.get(1).getAsJsonObject();
      assertEquals(2, turn.getAsJsonArray("urls").size());
      String username = turn.get("username").getAsString();
      String[] parts = username.split(":");
      assertEquals("alice", parts[1]);
      long expiry = Long.parseLong(parts[0]);
      assertTrue(Math.abs(expiry - (now + 600)) <= 5, "expires in ten minutes: " + expiry);
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] expected = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
      assertArrayEquals(expected, Base64.getDecoder().decode(turn.get("credential").getAsString()));
    }
  }

  @Test
  void healthAndMetricsAreServedOverHttp() throws Exception {
    try (ServerFixture f = new ServerFixture()) {
      TestClient alice = f.login("alice");
      TestClient bob = f.login("bob");
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"hi\"}");
      bob.nextSkippingUsers("chat");
      alice.send("{\"type\":\"bogus\"}");
      alice.nextError("unknown-type");
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + f.server.httpPort();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
      assertEquals("ok", health.body().strip());
      String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(metrics.contains("peerphone_connections 2"), metrics);
      assertTrue(metrics.contains("peerphone_users 2"), metrics);
      assertTrue(metrics.contains("peerphone_relayed_messages_total{type=\"chat\"} 1"), metrics);
      assertTrue(metrics.contains("peerphone_errors_total{code=\"unknown-type\"} 1"), metrics);
      assertTrue(metrics.contains("peerphone_roulette_queue_length 0"), metrics);
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
      for (String path : new String[] {"/../pom.xml", "/%2e%2e/pom.xml", "/.hidden.js", "/nothing.html",
          "/dev/peerphone/signaling/server/Hub.class"}) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(404, r.statusCode(), path);
      }
    }
  }

  @Test
  void tlsServesWssAndHttps(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "peerphone", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    SSLContext clientTls = trusting(keystore);
    try (ServerFixture f = new ServerFixture(ServerConfig.defaults().withTls(keystore, "changeit"))) {
      assertEquals("wss", f.uri().getScheme());
      TestClient c = f.track(TestClient.connect(f.uri(), Map.of(), clientTls));
      c.send("{\"type\":\"login\",\"name\":\"secure\"}");
      assertTrue(c.next("login").get("success").getAsBoolean());
      HttpClient https = HttpClient.newBuilder().sslContext(clientTls).build();
      HttpResponse<String> health = https.send(HttpRequest.newBuilder(
          URI.create("https://127.0.0.1:" + f.server.httpPort() + "/healthz")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode());
    }
  }

  private static SSLContext trusting(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
