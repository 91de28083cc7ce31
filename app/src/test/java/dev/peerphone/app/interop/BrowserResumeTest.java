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
  private Chromium chromium;
  private PeerClient peer;

  @AfterEach
  void stop() {
    if (peer != null) {
      peer.close();
    }
    if (chromium != null) {
      chromium.close();
    }
    path.close();
    server.close();
  }

  @Test
  void aPageWhosePathDiesSilentlyIsSignedInAgainWithinOneSecondAndKeepsItsCall() {
    peer = new PeerClient(server.wsUri(), "java", MediaConfig.synthetic(),
        CallOptions.defaults().withAutoAnswer(true), java);
    peer.start();
    java.await(CallEvent.LoggedIn.class);
    chromium = new Chromium();
    String url = server.clientUrl() + "?ws=" + path.uri(server.wsUri());
    WebPeer web = new WebPeer(chromium, server.origin(), url, "web").signIn();
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
}
