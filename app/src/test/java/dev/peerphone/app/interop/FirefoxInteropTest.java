package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser client in Debian's Firefox ESR calling the headless Java peer and a Chromium page,
 * and called back by each: video both ways (decoded frames) and chat; and opened over plain http
 * under a name that is not localhost (no secure context, no camera), still receiving and
 * chatting. One Firefox and one Chromium for the class (their start-up is the expensive part).
 */
class FirefoxInteropTest {
  private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
  private static final String HOST = "peerphone.test";
  private static Firefox firefox;
  private static Chromium chromium;
  private WebServer server;
  private final List<FirefoxPeer> foxes = new ArrayList<>();

  @BeforeAll
  static void launch() {
    // peerphone.test resolves to this machine: a page under that name is no secure context.
    firefox = new Firefox(Map.of("network.dns.localDomains", HOST));
    chromium = new Chromium();
  }

  @AfterAll
  static void quit() {
    if (chromium != null) {
      chromium.close();
    }
    if (firefox != null) {
      firefox.close();
    }
  }

  @BeforeEach
  void startServer() {
    server = new WebServer();
  }

  @AfterEach
  void stop() {
    try {
      foxes.forEach(FirefoxPeer::close);
    } finally {
      server.close();
    }
  }

  private FirefoxPeer fox() {
    FirefoxPeer fox = new FirefoxPeer(firefox, server, "fox");
    foxes.add(fox);
    return fox.signIn();
  }

  private static boolean from(JsonObject e, String peer) {
    return e.get("peer").getAsString().equals(peer);
  }

  @Test
  void firefoxCallsTheJavaPeerAndIsCalledBackWithVideoBothWaysAndChat() {
    FirefoxPeer fox = fox();
    String agent = fox.page.evaluate("() => navigator.userAgent", null).getAsString();
    assertTrue(agent.contains("Firefox/"), firefox.version() + ": " + agent);
    HeadlessProcess java = server.headless("java", "--echo");
    fox.awaitUser("java", "available");

    fox.call("java");
    java.await("incoming-call", e -> from(e, "fox"), MEDIA);
    assertAtLeast(30, fox.awaitVideoFrom("java", 30), "frames decoded in Firefox");
    JsonObject video = java.await("remote-video", e -> from(e, "fox") && e.get("frames").getAsLong() >= 30, MEDIA);
    assertTrue(video.get("width").getAsInt() >= 160, "Firefox's picture at the Java peer: " + video);
    fox.awaitChatOpen("java");
    fox.say("java", "hello from firefox ✓");
    assertEquals("hello from firefox ✓", java.await("chat", e -> from(e, "fox"), MEDIA).get("text").getAsString());
    fox.awaitChat("java", "hello from firefox ✓"); // echoed back over the DataChannel
    fox.hangUp("java");
    assertEquals("remote-hangup", java.await("call-ended", e -> from(e, "fox"), FIVE_SECONDS).get("reason").getAsString());

    HeadlessProcess back = server.headless("java-back", "--call", "fox", "--say", "calling firefox back");
    fox.accept("java-back");
    assertAtLeast(30, fox.awaitVideoFrom("java-back", 30), "frames decoded in Firefox");
    back.await("remote-video", e -> from(e, "fox") && e.get("frames").getAsLong() >= 30, MEDIA);
    fox.awaitChat("java-back", "calling firefox back");
    assertTrue(fox.errors().isEmpty(), "Firefox page errors: " + fox.errors());
  }

  @Test
  void firefoxAndChromiumCallEachOtherWithVideoBothWaysAndChat() {
    FirefoxPeer fox = fox();
    WebPeer chrome = new WebPeer(chromium, server, "chrome").signIn();
    fox.awaitUser("chrome", "available");

    fox.call("chrome");
    chrome.accept("fox");
    assertAtLeast(30, fox.awaitVideoFrom("chrome", 30), "frames decoded in Firefox");
    assertAtLeast(30, chrome.awaitVideoFrom("fox", 30), "frames decoded in Chromium");
    fox.awaitChatOpen("chrome");
    chrome.awaitChatOpen("fox");
    fox.say("chrome", "hi chromium");
    chrome.awaitChat("fox", "hi chromium");
    chrome.say("fox", "hi firefox, 日本語");
    fox.awaitChat("chrome", "hi firefox, 日本語");
    fox.page.screenshot(Path.of("target/firefox-call.png"));
    chrome.hangUp("fox");
    fox.awaitNoCall("chrome", FIVE_SECONDS);

    chrome.call("fox");
    fox.accept("chrome");
    assertAtLeast(30, fox.awaitVideoFrom("chrome", 30), "frames decoded in Firefox");
    assertAtLeast(30, chrome.awaitVideoFrom("fox", 30), "frames decoded in Chromium");
    chrome.awaitChatOpen("fox");
    chrome.say("fox", "calling you back");
    fox.awaitChat("chrome", "calling you back");
    fox.hangUp("chrome");
    chrome.awaitNoCall("fox", FIVE_SECONDS);
    assertTrue(fox.errors().isEmpty(), "Firefox page errors: " + fox.errors());
  }

  @Test
  void firefoxWithoutSecureContextReceivesTheJavaPeersVideoAndChats() {
    String origin = "http://" + HOST + ":" + URI.create(server.origin()).getPort();
    FirefoxPeer fox = new FirefoxPeer(firefox, origin + "/", "fox");
    foxes.add(fox);
    assertEquals(false, fox.page.evaluate("() => window.isSecureContext", null).getAsBoolean());
    assertEquals(false, fox.page.evaluate("() => 'mediaDevices' in navigator", null).getAsBoolean());
    String link = fox.page.evaluate("() => document.querySelector('#no-media a').href", null).getAsString();
    assertEquals("https://" + HOST + ":" + URI.create(server.origin()).getPort() + "/", link);
    fox.signIn();

    HeadlessProcess java = server.headless("java", "--call", "fox", "--say", "hello firefox over http");
    fox.accept("java");
    assertAtLeast(30, fox.awaitVideoFrom("java", 30), "frames decoded in Firefox without camera");
    fox.awaitChat("java", "hello firefox over http");
    fox.awaitChatOpen("java");
    fox.say("java", "no camera here");
    assertEquals("no camera here", java.await("chat", e -> from(e, "fox"), MEDIA).get("text").getAsString());
    assertTrue(fox.errors().isEmpty(), "Firefox page errors: " + fox.errors());
  }
}
