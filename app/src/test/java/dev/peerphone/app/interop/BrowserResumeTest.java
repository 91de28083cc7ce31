package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.call.CallOptions;
import dev.peerphone.app.rtc.MediaConfig;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL, Resuming, in the browser client: the page's network path to the server dies silently
 * mid-call; the page reconnects, presents its resume token and is signed in again at once, the
 * call with a Java peer going on (video decoded on both sides) and nobody told it ended.
 */
class BrowserResumeTest {
  private final WebServer server = new WebServer();
  private final TcpProxy path = TcpProxy.to(server.wsUri());
  private final Recorder java = new Recorder("java");
  private final List<PeerClient> javaPeers = new ArrayList<>();
  private Chromium chromium;

  @AfterEach
  void stop() {
    javaPeers.forEach(PeerClient::close);
    if (chromium != null) {
      chromium.close();
    }
    path.close();
    server.close();
  }

  @Test
  void aPageWhosePathDiesSilentlyIsSignedInAgainWithinOneSecondAndKeepsItsCall() {
    javaPeer("java", java);
    WebPeer web = pageThroughPath();
    web.call("java");
    long before = web.awaitVideoFrom("java", 30);
    long javaBefore = java.await(CallEvent.RemoteVideo.class, e -> e.frames() >= 30, MEDIA).frames();

    assertTrue(path.connections() >= 1, "the page signs in through the proxy");
    long t0 = System.nanoTime();
    path.severSilently();
    web.waitFor("() => window.peerphone.logins >= 2 && window.peerphone.me === 'web'", null, Duration.ofSeconds(5));
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(ms < 1000, "signed in again after " + ms + " ms");
    assertTrue(path.connections() >= 2, "reconnected through the proxy");
    web.awaitUser("java", "busy");

    web.awaitVideoFrom("java", (int) before + 30);
    java.await(CallEvent.RemoteVideo.class, e -> e.frames() >= javaBefore + 30, MEDIA);
    java.assertNeverSaw(CallEvent.CallEnded.class);
    assertTrue(web.consoleErrors().isEmpty(), "console errors: " + web.consoleErrors());

    web.hangUp("java"); // its leave reaches java through the resumed session
    java.await(CallEvent.CallEnded.class, e -> e.peer().equals("web"), Duration.ofSeconds(5));
  }

  @Test
  void aPageInARouletteCallResumesWithoutBeingReMatched() {
    PeerClient bob = javaPeer("bob", java);
    WebPeer web = pageThroughPath();
    web.page.click("#roulette-start");
    web.waitFor("t => document.getElementById('roulette-status').textContent.startsWith(t)",
        "Waiting for a free peer", MEDIA);
    bob.calls().find();
    long before = web.awaitVideoFrom("bob", 30);
    Recorder carol = new Recorder("carol");
    javaPeer("carol", carol).calls().find(); // someone to be wrongly matched with
    web.awaitUser("carol", "matching");

    path.severSilently();
    web.waitFor("() => window.peerphone.logins >= 2", null, Duration.ofSeconds(5));
    web.awaitVideoFrom("bob", (int) before + 30);
    carol.assertNone(CallEvent.Match.class, e -> true, Duration.ofSeconds(1));
    java.assertNeverSaw(CallEvent.CallEnded.class);
    assertTrue(web.consoleErrors().isEmpty(), "console errors: " + web.consoleErrors());

    web.page.click("#roulette-next"); // the server parts the page's new connection from bob
    java.await(CallEvent.CallEnded.class, e -> e.peer().equals("web"), Duration.ofSeconds(5));
  }

  private PeerClient javaPeer(String name, Recorder recorder) {
    PeerClient p = new PeerClient(server.wsUri(), name, MediaConfig.synthetic(),
        CallOptions.defaults().withAutoAnswer(true), recorder);
    javaPeers.add(p);
    p.start();
    recorder.await(CallEvent.LoggedIn.class);
    return p;
  }

  /** The browser client signed in as "web" through {@link #path}. */
  private WebPeer pageThroughPath() {
    chromium = new Chromium();
    String url = server.clientUrl() + "?ws=" + path.uri(server.wsUri());
    return new WebPeer(chromium, server.origin(), url, "web").signIn();
  }
}
