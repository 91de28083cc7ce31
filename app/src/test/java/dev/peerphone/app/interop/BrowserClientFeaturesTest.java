package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.RawClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Browser-client behaviour beyond one call: reconnecting after a server drop, a grid of several calls. */
class BrowserClientFeaturesTest {
  private static Chromium chromium;
  private WebServer server;
  private final List<HeadlessProcess> procs = new ArrayList<>();

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
    procs.forEach(HeadlessProcess::close);
    server.close();
  }

  @Test
  void aCallThatFailsInThePageTellsTheOtherSideWithLeave() throws Exception {
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    RawClient bad = RawClient.login(server.wsUri(), "bad");
    try {
      // A classic-style direct offer whose SDP no browser accepts: the page's answer step fails.
      bad.send("{\"type\":\"offer\",\"name\":\"web\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0 garbage\"}}");
      String leave = bad.awaitContaining("\"leave\"");
      assertTrue(leave.contains("\"name\":\"web\""), leave);
      web.awaitNoCall("bad", Duration.ofSeconds(5));
    } finally {
      bad.close();
    }
  }

  @Test
  void pagesReconnectAndSignInAgainAfterTheServerRestartsWhileTheirCallGoesOn() {
    WebPeer alice = new WebPeer(chromium, server, "alice").signIn();
    WebPeer bob = new WebPeer(chromium, server, "bob").signIn();
    alice.call("bob");
    bob.accept("alice");
    long before = alice.awaitVideoFrom("bob", 10);

    server.restart();
    for (WebPeer p : List.of(alice, bob)) {
      // first retry after 0.5 s, so both are back well within 5 s
      p.waitFor("() => window.peerphone.logins === 2 && window.peerphone.me !== null", null, Duration.ofSeconds(5));
      assertEquals("connected", p.status("signaling"));
    }
    alice.awaitUser("bob", "available"); // the new server knows nothing of the call
    alice.awaitVideoFrom("bob", (int) before + 30); // media is peer to peer: it went on
    alice.say("bob", "still here");
    bob.awaitChat("alice", "still here");
  }

  @Test
  void severalCallsAtOnceShowAsAGridWithChatToEachPeer() {
    WebPeer hub = new WebPeer(chromium, server, "hub").signIn();
    hub.page.check("#multi-call");
    for (String name : List.of("java1", "java2")) {
      HeadlessProcess p = new HeadlessProcess(name, List.of("--server", server.wsUri().toString(), "--name", name,
          "--fake-video", "--fake-audio", "--call", "hub", "--echo"));
      procs.add(p);
      hub.accept(name);
    }
    assertAtLeast(30, hub.awaitVideoFrom("java1", 30), "frames from java1");
    assertAtLeast(30, hub.awaitVideoFrom("java2", 30), "frames from java2");
    assertEquals(3, ((Number) hub.page.evaluate("() => document.querySelectorAll('#videos .tile').length")).intValue(),
        "local preview and two remote tiles");
    for (String name : List.of("java1", "java2")) {
      hub.awaitChatOpen(name);
      hub.say(name, "just for " + name);
      hub.awaitChat(name, "just for " + name); // echoed by that peer only
    }
    for (int i = 0; i < procs.size(); i++) {
      procs.get(i).await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA);
    }
    hub.screenshot(java.nio.file.Path.of("target/browser-grid.png"));
  }

  @Test
  void switchingCameraAndMicrophoneMidCallReplacesTheTracksAndVideoKeepsFlowing() {
    HeadlessProcess java = new HeadlessProcess("java", List.of("--server", server.wsUri().toString(), "--name", "java",
        "--fake-video", "--fake-audio"));
    procs.add(java);
    java.await("logged-in", MEDIA);
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    web.call("java");
    long before = java.await("remote-video", e -> e.get("frames").getAsLong() >= 10, MEDIA).get("frames").getAsLong();
    web.waitFor("() => document.getElementById('camera').options.length > 0"
        + " && document.getElementById('mic').options.length > 0", null, MEDIA);
    String oldTrack = (String) web.page.evaluate("() => document.getElementById('local-video').srcObject.getVideoTracks()[0].id");

    // Chromium's fake device list has one camera and one microphone: re-selecting them still
    // opens fresh tracks, which must reach the peer through replaceTrack without renegotiation.
    web.page.evaluate("() => { for (const id of ['camera', 'mic']) document.getElementById(id).dispatchEvent(new Event('change')); }");
    web.waitFor("old => { const t = document.getElementById('local-video').srcObject.getVideoTracks()[0];"
        + " return t && t.id !== old && t.readyState === 'live'; }", oldTrack, MEDIA);
    web.waitFor("() => { const v = document.getElementById('local-video').srcObject;"
        + " const ids = [...v.getVideoTracks(), ...v.getAudioTracks()].map(t => t.id);"
        + " const c = window.peerphone.calls()[0];"
        + " return ids.length === 2 && ids.every(id => c.sending.includes(id)); }", null, MEDIA);
    long switched = java.await("remote-video", MEDIA).get("frames").getAsLong();
    java.await("remote-video", e -> e.get("frames").getAsLong() >= Math.max(before, switched) + 60, MEDIA);
    assertEquals("", web.page.textContent("#media-error"));
  }

  @Test
  void loginFailuresAreExplained() {
    new WebPeer(chromium, server, "alice").signIn();
    WebPeer second = new WebPeer(chromium, server, "Alice");
    second.signInAs("Alice");
    assertEquals("That name is already in use. Pick another one.", second.loginError());
    second.signInAs("a b");
    second.waitFor("() => document.getElementById('login-error').textContent.includes('not a valid name')", null, MEDIA);
    second.signInAs("alice2");
    second.waitFor("() => window.peerphone.me === 'alice2'", null, MEDIA);

    WebPeer lost = new WebPeer(chromium, server, "lost");
    lost.page.navigate(server.origin() + "/?ws=ws://127.0.0.1:1/");
    lost.signInAs("lost");
    lost.waitFor("() => document.getElementById('login-error').textContent.startsWith("
        + "'Cannot reach the signaling server at ws://127.0.0.1:1/')", null, MEDIA);
  }
}
