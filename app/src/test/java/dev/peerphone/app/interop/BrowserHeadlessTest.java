package dev.peerphone.app.interop;

import static dev.peerphone.app.interop.WebPeer.MEDIA;
import static dev.peerphone.app.interop.WebPeer.assertAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The browser client and {@code ./peerphone headless} processes calling each other both ways. */
class BrowserHeadlessTest {
  private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
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

  private static boolean from(JsonObject e, String peer) {
    return e.get("peer").getAsString().equals(peer);
  }

  @Test
  void browserCallsHeadlessPeerWithVideoChatAndCameraOffBothWaysThenHangsUp() {
    HeadlessProcess java = server.headless("java", "--echo", "--say", "hello from java");
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    web.awaitUser("java", "available");

    web.call("java");
    java.await("incoming-call", e -> from(e, "web"), MEDIA);
    assertAtLeast(30, web.awaitVideoFrom("java", 30), "frames decoded in the browser");
    JsonObject video = java.await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA);
    // Chromium's fake camera is 640x480; under CPU load its encoder may scale down.
    assertTrue(video.get("width").getAsInt() >= 160, "frame size at the Java peer: " + video);

    web.awaitChat("java", "hello from java");
    web.awaitChatOpen("java");
    web.say("java", "hi java ✓");
    assertEquals("hi java ✓", java.await("chat", e -> from(e, "web"), MEDIA).get("text").getAsString());
    web.awaitChat("java", "hi java ✓"); // echoed back

    web.page.uncheck("#video-on");
    JsonObject paused = java.await("remote-paused", e -> from(e, "web"), MEDIA);
    assertEquals("video", paused.get("kind").getAsString());
    assertTrue(paused.get("paused").getAsBoolean());
    java.command("pause video");
    web.awaitCameraOff("java", true);
    java.command("resume video");
    web.awaitCameraOff("java", false);

    web.hangUp("java");
    assertEquals("remote-hangup", java.await("call-ended", e -> from(e, "web"), FIVE_SECONDS).get("reason").getAsString());
    web.awaitNoCall("java", FIVE_SECONDS);
  }

  @Test
  void headlessPeerCallsBrowserWhichAcceptsThenTheJavaSideHangsUp() {
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    HeadlessProcess java = server.headless("java", "--call", "web", "--say", "ring ring");

    web.awaitIncoming("java");
    java.await("ringing", MEDIA);
    web.accept("java");
    assertAtLeast(30, web.awaitVideoFrom("java", 30), "frames decoded in the browser");
    java.await("remote-video", e -> e.get("frames").getAsLong() >= 30, MEDIA);
    web.awaitChat("java", "ring ring");
    web.awaitChatOpen("java");
    web.say("java", "answered from the browser");
    assertEquals("answered from the browser", java.await("chat", e -> from(e, "web"), MEDIA).get("text").getAsString());

    java.command("hangup web");
    web.awaitNoCall("java", FIVE_SECONDS);
    web.awaitNote("java hung up.");
  }

  @Test
  void killingTheJavaPeerProcessEndsTheCallInTheBrowserWithinFiveSeconds() {
    WebPeer web = new WebPeer(chromium, server, "web").signIn();
    HeadlessProcess java = server.headless("java", "--call", "web");
    web.accept("java");
    web.awaitVideoFrom("java", 10);
    java.await("remote-video", MEDIA);

    java.kill();
    web.awaitNoCall("java", FIVE_SECONDS);
  }
}
