package dev.peerphone.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.PeerClient;
import dev.peerphone.app.call.CallEvent;
import dev.peerphone.app.testing.ColourScreen;
import dev.peerphone.app.testing.HeadlessProcess;
import dev.peerphone.app.testing.Peers;
import dev.peerphone.app.testing.PixelTap;
import dev.peerphone.app.testing.Recorder;
import dev.peerphone.app.testing.TestServer;
import dev.peerphone.app.testing.Xvfb;
import dev.peerphone.signaling.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Screen sharing with real parts: a throwaway Xvfb showing a known picture (left half red, right
 * half blue, drawn by {@link ColourScreen}), a {@code ./peerphone headless} process on that display
 * that shares it in a call, and an in-process peer that decodes the frames and reads their pixels.
 * The server's {@code /metrics} counts offers and answers: sharing must not renegotiate.
 */
class ScreenShareEndToEndTest {
  private static final Duration CONNECT = Duration.ofSeconds(30);
  private static final Duration SWITCH = Duration.ofSeconds(15);
  private final TestServer server = new TestServer(ServerConfig.defaults());
  private final Peers peers = new Peers(server);
  private final Recorder bob = new Recorder("bob");
  private final PixelTap fromAlice = new PixelTap("alice");
  private Xvfb xvfb;
  private ColourScreen picture;
  private HeadlessProcess alice;

  @AfterEach
  void tearDown() {
    if (alice != null) {
      alice.close();
    }
    peers.close();
    if (picture != null) {
      picture.close();
    }
    if (xvfb != null) {
      xvfb.close();
    }
    server.close();
  }

  @Test
  void theRemotePeerSeesTheSharedScreenThenTheChosenTestPatternWithoutRenegotiation() throws Exception {
    xvfb = new Xvfb("share", 1280, 720);
    picture = new ColourScreen(xvfb.display());
    PeerClient b = peers.start("bob", bob);
    b.media().setFrameTap(fromAlice);
    alice = new HeadlessProcess("alice-share", List.of("--server", server.uri().toString(), "--name", "alice",
        "--fake-video", "--fake-audio", "--call", "bob"), Map.of("DISPLAY", xvfb.display()));
    bob.await(CallEvent.FirstVideoFrame.class, CONNECT);
    PixelTap.Sample pattern = fromAlice.await(ScreenShareEndToEndTest::testPattern, CONNECT);
    System.out.println("before sharing: " + pattern);
    long offers = relayed("offer");
    long answers = relayed("answer");
    assertEquals(1, offers, "one offer to set up the call");

    long t0 = System.nanoTime();
    alice.command("share");
    JsonObject sharing = alice.await("sharing", CONNECT);
    assertTrue(sharing.get("sharing").getAsBoolean(), sharing.toString());
    assertEquals("Screen 1 (1280x720)", sharing.get("screen").getAsString());
    PixelTap.Sample screen = fromAlice.await(ScreenShareEndToEndTest::redLeftBlueRight, SWITCH);
    System.out.println("sharing after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + screen);
    assertEquals(16.0 / 9, (double) screen.width() / screen.height(), 0.03, "the screen's shape: " + screen);

    // A camera chosen while sharing is what "share stop" returns to; the screen stays meanwhile.
    alice.command("camera Test pattern 320x240");
    fromAlice.await(ScreenShareEndToEndTest::redLeftBlueRight, SWITCH);

    t0 = System.nanoTime();
    alice.command("share stop");
    JsonObject stopped = alice.await("sharing", CONNECT);
    assertFalse(stopped.get("sharing").getAsBoolean(), stopped.toString());
    PixelTap.Sample back = fromAlice.await(s -> testPattern(s) && s.width() == 320 && s.height() == 240, SWITCH);
    System.out.println("camera back after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + back);

    assertEquals(offers, relayed("offer"), "no new offer: replaceTrack, not renegotiation");
    assertEquals(answers, relayed("answer"), "no new answer");
    bob.assertNone(CallEvent.CallEnded.class, e -> true, Duration.ofMillis(200));
  }

  @Test
  void shareWithoutADisplayOrWithAnUnknownScreenIsATypedErrorAndThePeerKeepsRunning() {
    alice = new HeadlessProcess("alice-nodisplay", List.of("--server", server.uri().toString(), "--name", "alice",
        "--fake-video", "--fake-audio"), Map.of("DISPLAY", ""));
    alice.await("logged-in", CONNECT);
    alice.command("share");
    JsonObject err = alice.await("error", CONNECT);
    assertEquals("share-failed", err.get("code").getAsString(), err.toString());
    assertTrue(err.get("message").getAsString().contains("display"), err.toString());
    alice.command("share stop"); // not sharing: nothing to stop, still a clear answer
    JsonObject none = alice.await("sharing", CONNECT);
    assertFalse(none.get("sharing").getAsBoolean(), none.toString());
  }

  @Test
  void anUnknownScreenNameIsRefusedNamingTheScreens() {
    xvfb = new Xvfb("share-unknown", 640, 480);
    alice = new HeadlessProcess("alice-unknown", List.of("--server", server.uri().toString(), "--name", "alice",
        "--fake-video", "--fake-audio"), Map.of("DISPLAY", xvfb.display()));
    alice.await("logged-in", CONNECT);
    alice.command("share Screen 7");
    JsonObject err = alice.await("error", CONNECT);
    assertEquals("share-failed", err.get("code").getAsString(), err.toString());
    assertTrue(err.get("message").getAsString().contains("Screen 1 (640x480)"), err.toString());
  }

  /** The headless peer's 640x480 test pattern: grey-blue chroma (U 100, V 150) everywhere. */
  private static boolean testPattern(PixelTap.Sample s) {
    return near(s.left().u(), 100) && near(s.left().v(), 150) && near(s.right().u(), 100) && near(s.right().v(), 150);
  }

  /** ColourScreen's picture: red (high V) on the left, blue (high U) on the right. */
  private static boolean redLeftBlueRight(PixelTap.Sample s) {
    return s.left().v() > 190 && s.left().u() < 130 && s.right().u() > 190 && s.right().v() < 140;
  }

  private static boolean near(int value, int expected) {
    return Math.abs(value - expected) <= 12;
  }

  private long relayed(String type) throws Exception {
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^peerphone_relayed_messages_total\\{type=\"" + type + "\"\\} (\\d+)").matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
