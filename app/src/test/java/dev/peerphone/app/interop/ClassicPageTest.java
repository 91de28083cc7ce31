package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.playwright.Page;
import dev.peerphone.app.testing.HeadlessProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page written for the classic tutorial protocol (offer straight away, its own DataChannel made
 * at login on both sides, leave on hang-up) against the Java peer, in both call directions.
 */
class ClassicPageTest {
  private static Chromium chromium;
  private static ClassicPageServer pages;
  private WebServer server;

  @BeforeAll
  static void launch() {
    chromium = new Chromium();
    pages = new ClassicPageServer();
  }

  @AfterAll
  static void quit() {
    chromium.close();
    pages.close();
  }

  @BeforeEach
  void startServer() {
    server = new WebServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Page classicPage(String name) {
    Page page = chromium.newPage(pages.origin());
    page.navigate(pages.origin() + "/classic.html?ws=" + server.wsUri());
    waitFor(page, "() => window.classic.connected()", null); // like the tutorials, the page cannot log in before the socket is open
    page.fill("#usernameInput", name);
    page.click("#loginBtn");
    waitFor(page, "() => window.classic.ready", null);
    return page;
  }

  private static void waitFor(Page page, String js, Object arg) {
    page.waitForFunction(js, arg, new Page.WaitForFunctionOptions().setTimeout(MEDIA.toMillis()).setPollingInterval(100));
  }

  /** Video frames rendered and decoded on the page, and the Java peer's own frame count. */
  private static void assertVideoBothWays(Page page, HeadlessProcess java) {
    waitFor(page, "() => window.classic.frames() >= 30", null);
    waitFor(page, "async () => (await window.classic.framesDecoded()) >= 30", null);
    JsonObject video = java.await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA);
    assertTrue(video.get("width").getAsInt() >= 160, "frame size at the Java peer: " + video); // 640 unless the encoder scales down under load
  }

  private static void awaitChatLine(Page page, String line) {
    waitFor(page, "t => [...document.querySelectorAll('#chatarea .line')].some(l => l.textContent === t)", line);
  }

  private static void say(Page page, String text) {
    waitFor(page, "() => window.classic.channelOpen()", null);
    page.fill("#msgInput", text);
    page.click("#sendMsgBtn");
  }

  @Test
  void classicPageCallsJavaPeerWithVideoAndChatOnTheChannelsEachSideMade() {
    HeadlessProcess java = server.headless("java", "--say", "hello classic");
    Page page = classicPage("classic");

    page.fill("#callToUsernameInput", "java");
    page.click("#callBtn");
    java.await("call-connected", e -> e.get("peer").getAsString().equals("classic"), MEDIA);
    assertVideoBothWays(page, java);

    awaitChatLine(page, "java: hello classic");
    say(page, "hello java, from the page's own channel");
    assertEquals("hello java, from the page's own channel", java.await("chat", MEDIA).get("text").getAsString());

    page.click("#hangUpBtn");
    assertEquals("remote-hangup", java.await("call-ended", Duration.ofSeconds(5)).get("reason").getAsString());
    assertTrue(chromium.dialogs().isEmpty(), "dialogs: " + chromium.dialogs());
  }

  @Test
  void javaPeerCallsClassicPageWithoutRingingAndHangsUpWithLeave() {
    Page page = classicPage("classic");
    HeadlessProcess java = server.headless("java", "--call", "classic", "--no-ring", "--say", "hi from java");

    java.await("call-connected", MEDIA);
    assertVideoBothWays(page, java);

    awaitChatLine(page, "java: hi from java");
    say(page, "hi java");
    assertEquals("hi java", java.await("chat", MEDIA).get("text").getAsString());

    java.command("hangup classic");
    waitFor(page, "() => window.classic.left", null);
    assertTrue(chromium.dialogs().isEmpty(), "dialogs: " + chromium.dialogs());
  }
}
