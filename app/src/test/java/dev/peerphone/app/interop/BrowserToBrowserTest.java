package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two browser-client pages in headless Chromium calling each other through our server. */
class BrowserToBrowserTest {
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
  void stopServer() {
    server.close();
  }

  @Test
  void twoPagesHoldAVideoCallWithChatBothWaysAndHangUpEndsItOnTheOtherSide() {
    WebPeer alice = new WebPeer(chromium, server, "alice").signIn();
    WebPeer bob = new WebPeer(chromium, server, "bob").signIn();
    alice.awaitUser("bob", "available");

    alice.callFromList("bob");
    bob.awaitIncoming("alice");
    bob.accept("alice");

    assertAtLeast(30, alice.awaitVideoFrom("bob", 30), "frames decoded at alice");
    assertAtLeast(30, bob.awaitVideoFrom("alice", 30), "frames decoded at bob");
    alice.awaitChatOpen("bob");
    bob.awaitChatOpen("alice");
    alice.say("bob", "hello bob");
    bob.awaitChat("alice", "hello bob");
    bob.say("alice", "hi alice, 日本語 ✓");
    alice.awaitChat("bob", "hi alice, 日本語 ✓");
    assertEquals("open", alice.status("dc"));
    assertEquals("connected", alice.status("media"));
    alice.awaitUser("bob", "busy");

    bob.page.uncheck("#video-on");
    alice.awaitCameraOff("bob", true);
    bob.page.check("#video-on");
    alice.awaitCameraOff("bob", false);
    alice.screenshot(Path.of("target/browser-call.png"));

    bob.hangUp("alice");
    alice.awaitNoCall("bob", java.time.Duration.ofSeconds(5));
    bob.awaitNoCall("alice", java.time.Duration.ofSeconds(5));
    alice.awaitNote("bob hung up.");

    // and the other way round: the caller hangs up
    bob.call("alice");
    alice.accept("bob");
    alice.awaitVideoFrom("bob", 10);
    bob.awaitVideoFrom("alice", 10);
    alice.hangUp("bob");
    bob.awaitNoCall("alice", java.time.Duration.ofSeconds(5));
    assertTrue(chromium.dialogs().isEmpty(), "dialogs: " + chromium.dialogs());
  }

  @Test
  void rejectAndBusyAreShownToTheCaller() {
    WebPeer alice = new WebPeer(chromium, server, "alice").signIn();
    WebPeer bob = new WebPeer(chromium, server, "bob").signIn();
    WebPeer carol = new WebPeer(chromium, server, "carol").signIn();

    alice.call("bob");
    bob.reject("alice");
    alice.awaitNote("bob declined the call.");
    alice.awaitNoCall("bob", MEDIA);

    alice.call("bob");
    bob.accept("alice");
    bob.awaitVideoFrom("alice", 5);
    carol.call("bob");
    carol.awaitNote("bob is busy.");
    carol.call("nobody");
    carol.waitFor("() => document.getElementById('call-error').textContent === 'nobody is not online.'", null, MEDIA);
  }
}
