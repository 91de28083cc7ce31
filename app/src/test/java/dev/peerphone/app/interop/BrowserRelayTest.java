package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.SHORT;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.Coturn;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.signaling.server.ServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser client and a {@code ./peerphone headless} peer calling relay-only through a real
 * coturn (started from {@code deploy/turnserver.conf}): video decoded both ways, the selected pair
 * is relay at both ends on both sides (the browser's getStats, the Java peer's call-stats), and
 * coturn's log shows both users' media.
 */
class BrowserRelayTest {
  private static final String SECRET = UUID.randomUUID().toString();
  private static final long MEDIA_BYTES = 50_000;
  private static Chromium chromium;
  private static Coturn coturn;
  private WebServer server;
  private int mark;

  @BeforeAll
  static void launch() {
    coturn = Coturn.start(SECRET);
    chromium = new Chromium();
  }

  @AfterAll
  static void quit() {
    chromium.close();
    coturn.close();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void serve(ServerConfig config) {
    mark = coturn.mark();
    server = new WebServer(config);
  }

  private static boolean from(JsonObject e, String peer) {
    return e.get("peer").getAsString().equals(peer);
  }

  @Test
  void underTheOperatorsPolicyBrowserAndJavaRelayBothWaysEvenAfterTheirCredentialsExpired() throws Exception {
    serve(coturn.configure(ServerConfig.defaults(), Duration.ofSeconds(4)).withRelayOnly(true));
    HeadlessProcess java = server.headless("java");
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    assertEquals(Boolean.TRUE, web.page.evaluate("() => document.getElementById('relay-only').checked"),
        "the page shows the server's relay policy");
    assertEquals(Boolean.TRUE, web.page.evaluate("() => document.getElementById('relay-only').disabled"));
    web.awaitUser("java", "available");
    // Let the credentials from both logins expire (coturn refuses expired ones: RelayEndToEndTest).
    TimeUnit.SECONDS.sleep(5);

    web.call("java");
    java.await("incoming-call", e -> from(e, "web"), MEDIA);
    assertAtLeast(30, web.awaitVideoFrom("java", 30), "frames decoded in the browser");
    java.await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA);
    assertRelayedInTheBrowser(web, "java");
    assertRelayedInJava(java);
    assertEquals(1.0, ((Number) web.page.evaluate("() => window.peerphone.ice().requests")).doubleValue(),
        "the page fetched fresh credentials before the call");
    assertTrue(coturn.allocatedFor("java", mark), "the Java peer allocated a relay");
    hangUpAndCheckRelayed(web, java);
  }

  @Test
  void theBrowsersCheckboxAndHeadlessRelayOnlyHideBothAddressesOnAServerThatAllowsDirect() {
    serve(coturn.configure(ServerConfig.defaults(), Duration.ofMinutes(10)));
    HeadlessProcess java = server.headless("java", "--relay-only");
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    web.page.check("#relay-only");
    web.awaitUser("java", "available");
    web.call("java");
    java.await("incoming-call", e -> from(e, "web"), MEDIA);
    web.awaitVideoFrom("java", 30);
    java.await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA);
    assertRelayedInTheBrowser(web, "java");
    assertRelayedInJava(java);
    assertEquals(0.0, ((Number) web.page.evaluate("() => window.peerphone.ice().requests")).doubleValue(),
        "fresh credentials: the call did not wait for new ones");
    hangUpAndCheckRelayed(web, java);
  }

  @Test
  void hidingTheAddressWithoutATurnServerSaysSoAndPlacesNoCall() {
    serve(ServerConfig.defaults());
    HeadlessProcess java = server.headless("java");
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    web.page.check("#relay-only");
    web.waitFor("() => document.getElementById('relay-error').textContent.includes('no TURN server')", null, SHORT);
    web.call("java");
    web.waitFor("() => document.getElementById('call-error').textContent.includes('no TURN server')", null, SHORT);
    assertEquals(List.of(), web.page.evaluate("() => window.peerphone.calls()"));
    java.assertNo("incoming-call", Duration.ofSeconds(2));
    // Unticked, the same call goes through directly.
    web.page.uncheck("#relay-only");
    assertEquals("", web.page.textContent("#relay-error"));
    web.call("java");
    java.await("incoming-call", e -> from(e, "web"), MEDIA);
  }

  private static void assertRelayedInJava(HeadlessProcess java) {
    JsonObject stats = java.await("call-stats", e -> from(e, "web") && e.has("local")
        && !e.get("local").isJsonNull() && !e.get("local").getAsString().isEmpty(), MEDIA);
    assertEquals("relay", stats.get("local").getAsString(), "Java's local candidate: " + stats);
    assertEquals("relay", stats.get("remote").getAsString(), "Java's remote candidate (the browser's): " + stats);
  }

  @SuppressWarnings("unchecked")
  private static void assertRelayedInTheBrowser(WebPeer web, String peer) {
    web.waitFor("async p => (await window.peerphone.selectedPair(p)) !== null", peer, SHORT);
    Map<String, Object> pair = (Map<String, Object>) web.page.evaluate("p => window.peerphone.selectedPair(p)", peer);
    assertEquals("relay", pair.get("local"), "browser's local candidate: " + pair);
    assertEquals("relay", pair.get("remote"), "browser's remote candidate (the Java peer's): " + pair);
  }

  /** Hangs up so coturn ends the allocations and logs what each user relayed. */
  private void hangUpAndCheckRelayed(WebPeer web, HeadlessProcess java) {
    web.hangUp("java");
    java.await("call-ended", e -> from(e, "web"), MEDIA);
    long w = coturn.awaitRelayedBytes("web", mark, MEDIA_BYTES, MEDIA);
    long j = coturn.awaitRelayedBytes("java", mark, MEDIA_BYTES, MEDIA);
    System.out.printf("coturn relayed %d bytes for web, %d for java%n", w, j);
  }
}
