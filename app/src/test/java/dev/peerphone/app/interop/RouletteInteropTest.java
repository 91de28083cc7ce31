package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browser client and headless Java peers meeting in roulette, and Next pairing them with others. */
class RouletteInteropTest {
  private static Chromium chromium;
  private WebServer server;

  @BeforeAll
  static void launch() {
    chromium = new Chromium();
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

  private static void awaitRouletteStatus(WebPeer web, String text) {
    web.waitFor("t => document.getElementById('roulette-status').textContent.startsWith(t)", text, MEDIA);
  }

  /** Video decoded on both sides and chat both ways between a page and a roulette Java peer (which echoes). */
  private static void assertTalking(WebPeer web, HeadlessProcess java, String javaName) {
    awaitRouletteStatus(web, "Talking to " + javaName);
    assertAtLeast(30, web.awaitVideoFrom(javaName, 30), "frames decoded at " + web.name);
    java.await("remote-video", e -> e.get("peer").getAsString().equals(web.name) && e.get("frames").getAsLong() >= 30, MEDIA);
    web.awaitChat(javaName, "hi stranger");
    web.awaitChatOpen(javaName);
    web.say(javaName, "hello from " + web.name);
    JsonObject chat = java.await("chat", e -> e.get("peer").getAsString().equals(web.name), MEDIA);
    assertEquals("hello from " + web.name, chat.get("text").getAsString());
    web.awaitChat(javaName, "hello from " + web.name);
  }

  @Test
  void browserAndJavaPeerMeetInRouletteAndNextPairsEachWithSomeoneElse() {
    WebPeer web1 = new WebPeer(chromium, server, "web1").signIn();
    web1.page.click("#roulette-start");
    awaitRouletteStatus(web1, "Waiting for a free peer");

    HeadlessProcess java1 = server.headless("java1", "--roulette", "--echo", "--say", "hi stranger");
    assertEquals("web1", java1.await("match", MEDIA).get("peer").getAsString());
    assertTalking(web1, java1, "java1");

    HeadlessProcess java2 = server.headless("java2", "--roulette", "--echo", "--say", "hi stranger");
    java2.await("roulette", e -> e.get("status").getAsString().equals("Waiting for a free peer"), MEDIA);
    web1.awaitUser("java2", "matching");

    // web1 presses Next: java1 is left (and queues again), web1 meets the peer who was waiting.
    web1.page.click("#roulette-next");
    java1.await("call-ended", e -> e.get("peer").getAsString().equals("web1"), Duration.ofSeconds(5));
    java1.await("roulette", e -> e.get("status").getAsString().equals("Waiting for a free peer"), MEDIA);
    assertEquals("web1", java2.await("match", MEDIA).get("peer").getAsString());
    web1.awaitNoCall("java1", MEDIA);
    assertTalking(web1, java2, "java2");

    // A second page joins and meets java1, the peer web1 left.
    WebPeer web2 = new WebPeer(chromium, server, "web2").signIn();
    web2.page.click("#roulette-start");
    assertEquals("web2", java1.await("match", MEDIA).get("peer").getAsString());
    assertTalking(web2, java1, "java1");

    // Stop ends the roulette call at the partner too.
    web1.page.click("#roulette-stop");
    web1.awaitNoCall("java2", Duration.ofSeconds(5));
    java2.await("call-ended", e -> e.get("peer").getAsString().equals("web1"), Duration.ofSeconds(5));
    awaitRouletteStatus(web1, "");
  }

  @Test
  void aBrowserLeftByItsPartnerQueuesAgainAndIsMatchedWithTheNextPeer() {
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    web.page.click("#roulette-start");
    HeadlessProcess java1 = server.headless("java1", "--roulette", "--echo", "--say", "hi stranger");
    assertTalking(web, java1, "java1");

    java1.command("quit"); // the partner goes away; the page must find again by itself
    web.awaitNoCall("java1", Duration.ofSeconds(10));
    awaitRouletteStatus(web, "Waiting for a free peer");
    HeadlessProcess java2 = server.headless("java2", "--roulette", "--echo", "--say", "hi stranger");
    assertEquals("web", java2.await("match", MEDIA).get("peer").getAsString());
    assertTalking(web, java2, "java2");
  }
}
