package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Response;
import dev.peerphone.app.testing.HeadlessProcess;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Script-looking names and chat messages are shown as text and run nothing; the page has a CSP. */
class XssTest {
  private static final String IMG = "<img src=x onerror=alert(1)>";
  private static final String SCRIPT = "<script>alert(2)</script><b>bold</b>";
  private static Chromium chromium;
  private WebServer server;
  private HeadlessProcess java;

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
    if (java != null) {
      java.close();
    }
    server.close();
  }

  private static void assertNothingRan(WebPeer... pages) {
    assertTrue(chromium.dialogs().isEmpty(), "dialogs: " + chromium.dialogs());
    for (WebPeer p : pages) {
      assertEquals(0, ((Number) p.page.evaluate("() => document.querySelectorAll('img, #chat-log script, #chat-log b').length")).intValue(),
          p.name + ": markup from a name or message became elements");
    }
  }

  @Test
  void pageIsServedWithAContentSecurityPolicy() {
    WebPeer web = new WebPeer(chromium, server, "web");
    Response r = web.page.navigate(server.clientUrl());
    String csp = r.headerValue("content-security-policy");
    assertTrue(csp != null && csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "CSP: " + csp);
    assertTrue(web.consoleErrors().isEmpty(), "console errors (CSP violations?): " + web.consoleErrors());
  }

  @Test
  void scriptInANameIsShownAsTextInTheLoginErrorAndTheCallError() {
    WebPeer web = new WebPeer(chromium, server, "web");
    web.signInAs(IMG);
    String error = web.loginError();
    assertTrue(error.contains(IMG), "login error shows the name as typed: " + error);

    web.signInAs("web");
    web.waitFor("() => document.getElementById('me').textContent === 'web'", null, MEDIA);
    web.call(IMG);
    web.waitFor("() => document.getElementById('call-error').textContent.length > 0", null, MEDIA);
    assertNothingRan(web);
  }

  @Test
  void scriptInChatIsShownAsTextBetweenPagesAndFromTheJavaPeer() {
    WebPeer alice = new WebPeer(chromium, server, "alice").signIn();
    WebPeer bob = new WebPeer(chromium, server, "bob").signIn();
    alice.call("bob");
    bob.accept("alice");
    alice.awaitChatOpen("bob");
    bob.awaitChatOpen("alice");
    alice.say("bob", IMG);
    bob.say("alice", SCRIPT);
    bob.awaitChat("alice", IMG);
    alice.awaitChat("bob", SCRIPT);
    alice.awaitChat("alice", IMG); // our own line too
    bob.hangUp("alice");

    java = new HeadlessProcess("java", List.of("--server", server.wsUri().toString(), "--name", "java",
        "--fake-video", "--fake-audio", "--call", "alice", "--say", SCRIPT, "--say", IMG));
    alice.accept("java");
    alice.awaitChat("java", SCRIPT);
    alice.awaitChat("java", IMG);
    assertNothingRan(alice, bob);
  }
}
