package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.net.LanAddress;
import dev.peerphone.app.testing.HeadlessProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser client opened the way someone on another machine opens it over plain http: by a
 * host name that is not localhost, so the page is no secure context and has no
 * {@code navigator.mediaDevices}. Chromium resolves {@code peerphone.test} to this machine's
 * non-loopback address. The page still signs in, receives the Java peer's video, chats both
 * ways and places receive-only calls, and says in one line where the camera is (https).
 */
class BrowserInsecureContextTest {
  private static final String HOST = "peerphone.test";
  private static Chromium chromium;
  private WebServer server;

  @BeforeAll
  static void launch() {
    chromium = new Chromium(List.of("--host-resolver-rules=MAP " + HOST + " " + LanAddress.find().orElseThrow()));
  }

  @AfterAll
  static void quit() {
    chromium.close();
  }

  @BeforeEach
  void startServer() {
    server = new WebServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The page at http://peerphone.test:PORT/ (it finds the WebSocket port in its own page). */
  private WebPeer insecurePage(String name) {
    String origin = "http://" + HOST + ":" + URI.create(server.origin()).getPort();
    WebPeer web = new WebPeer(chromium.newPageWithoutPermissions(), origin + "/", name);
    assertEquals(false, web.page.evaluate("() => window.isSecureContext"));
    assertEquals(false, web.page.evaluate("() => 'mediaDevices' in navigator"));
    return web;
  }

  private static boolean from(JsonObject e, String peer) {
    return e.get("peer").getAsString().equals(peer);
  }

  /** The remote video element shows real pictures: a size, and its clock moves on. */
  private static void assertVideoPlays(WebPeer web, String peer) {
    String video = "[...document.querySelectorAll('.tile.remote')].find(x => x.dataset.peer === p).querySelector('video')";
    web.waitFor("p => { const v = " + video + "; return v.videoWidth > 0 && v.videoHeight > 0; }", peer, MEDIA);
    double t0 = ((Number) web.page.evaluate("p => " + video + ".currentTime", peer)).doubleValue();
    web.waitFor("([p, t]) => { const v = " + video + "; return v.currentTime > t + 1; }",
        List.of(peer, t0), MEDIA);
  }

  @Test
  void withoutSecureContextThePageSaysInOneLineWhichHttpsLinkGivesItACamera() {
    WebPeer web = insecurePage("web");
    String https = "https://" + HOST + ":" + URI.create(server.origin()).getPort() + "/";
    web.waitFor("() => !document.getElementById('no-media').hidden", null, WebPeer.SHORT);
    String notice = web.page.textContent("#no-media");
    assertTrue(notice.startsWith("No camera or microphone") && notice.endsWith(https), notice);
    assertEquals(1, notice.lines().count(), notice);
    assertEquals(https, web.page.getAttribute("#no-media a", "href"));
    assertTrue(web.page.isDisabled("#video-on"), "the camera checkbox has nothing to switch");
    assertTrue(web.page.isHidden("#local-tile"), "no black self-view");

    web.signIn();
    assertTrue(web.page.isVisible("#no-media"), "the notice stays after signing in");
    assertEquals("", web.page.textContent("#media-error"));
    assertTrue(web.consoleErrors().isEmpty(), "errors: " + web.consoleErrors());
  }

  @Test
  void theJavaPeerCallsThePageWithoutCameraWhichShowsItsVideoAndChatsBothWays() {
    WebPeer web = insecurePage("web").signIn();
    HeadlessProcess java = server.headless("java", "--call", "web", "--echo", "--say", "hello over http");

    web.accept("java");
    assertAtLeast(30, web.awaitVideoFrom("java", 30), "frames decoded in the page without camera");
    assertVideoPlays(web, "java");
    web.awaitChat("java", "hello over http");
    web.awaitChatOpen("java");
    web.say("java", "no camera, still talking");
    assertEquals("no camera, still talking", java.await("chat", e -> from(e, "web"), MEDIA).get("text").getAsString());
    web.awaitChat("java", "no camera, still talking"); // echoed back
    web.screenshot(Path.of("target/browser-insecure.png"));
    assertEquals(List.of("audio:recvonly", "video:recvonly"), directions(web));
    assertTrue(web.consoleErrors().isEmpty(), "errors: " + web.consoleErrors());
  }

  @Test
  void thePageWithoutCameraPlacesAReceiveOnlyCallToTheJavaPeer() {
    WebPeer web = insecurePage("web").signIn();
    HeadlessProcess java = server.headless("java", "--echo");
    web.awaitUser("java", "available");

    web.call("java");
    java.await("incoming-call", e -> from(e, "web"), MEDIA);
    assertAtLeast(30, web.awaitVideoFrom("java", 30), "frames decoded in the page without camera");
    assertVideoPlays(web, "java");
    java.await("chat-open", e -> from(e, "web"), MEDIA);
    web.awaitChatOpen("java");
    web.say("java", "calling without a camera");
    assertEquals("calling without a camera", java.await("chat", e -> from(e, "web"), MEDIA).get("text").getAsString());
    web.awaitChat("java", "calling without a camera");
    assertEquals(List.of("audio:recvonly", "video:recvonly"), directions(web));
  }

  @SuppressWarnings("unchecked")
  private static List<String> directions(WebPeer web) {
    return ((List<String>) web.page.evaluate("() => window.peerphone.calls()[0].directions")).stream().sorted().toList();
  }
}
