package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./peerphone headless} peers as separate processes through the real server. */
class HeadlessProcessTest extends HeadlessProcesses {
  @Test
  void twoHeadlessProcessesHoldAVideoCallWithChat() throws Exception {
    HeadlessProcess bob = start("bob", "--echo");
    HeadlessProcess alice = start("alice", "--call", "bob", "--say", "hello bob", "--duration", "20");

    bob.await("incoming-call", e -> e.get("peer").getAsString().equals("alice"), CONNECT);
    JsonObject connected = alice.await("call-connected", CONNECT);
    assertTrue(connected.get("setupMs").getAsLong() > 0);
    assertEquals("hello bob", bob.await("chat", CONNECT).get("text").getAsString());
    assertEquals("hello bob", alice.await("chat", CONNECT).get("text").getAsString(), "echoed back");
    JsonObject video = alice.await("remote-video", e -> e.get("frames").getAsLong() >= 30, CONNECT);
    assertEquals(640, video.get("width").getAsInt());
    bob.await("remote-video", e -> e.get("frames").getAsLong() >= 30, CONNECT);

    alice.command("hangup bob");
    assertEquals("hangup", alice.await("call-ended", CONNECT).get("reason").getAsString());
    assertEquals("remote-hangup", bob.await("call-ended", Duration.ofSeconds(5)).get("reason").getAsString());
    alice.command("quit");
    assertEquals(0, alice.waitForExit(Duration.ofSeconds(20)));
  }

  @Test
  void killingOnePeerProcessEndsTheCallAtTheOtherWithinFiveSeconds() {
    HeadlessProcess bob = start("bob");
    HeadlessProcess alice = start("alice", "--call", "bob");
    bob.await("remote-video", CONNECT);
    alice.await("remote-video", CONNECT);

    alice.kill();
    long t0 = System.nanoTime();
    JsonObject ended = bob.await("call-ended", Duration.ofSeconds(5));
    assertEquals("alice", ended.get("peer").getAsString());
    assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
  }

  @Test
  void durationEndsTheProcessAndBadOptionsExitWithUsage() throws Exception {
    HeadlessProcess quick = start("quick", "--duration", "1");
    assertEquals(0, quick.waitForExit(Duration.ofSeconds(20)));
    HeadlessProcess bad = new HeadlessProcess("bad", List.of("--bogus"));
    procs.add(bad);
    assertEquals(2, bad.waitForExit(Duration.ofSeconds(20)));
  }

  @Test
  void theChosenVideoQualityReachesThePeerAndAVideoCommandChangesItMidCall() {
    HeadlessProcess bob = start("bob");
    HeadlessProcess alice = start("alice", "--call", "bob", "--video", "320x240@15");
    JsonObject first = bob.await("remote-video", e -> e.get("frames").getAsLong() >= 15, CONNECT);
    assertEquals(320, first.get("width").getAsInt());
    assertEquals(240, first.get("height").getAsInt());
    // Reports come once a second: three more give the rate.
    JsonObject later = first;
    for (int i = 0; i < 3; i++) {
      later = bob.await("remote-video", CONNECT);
    }
    long perSecond = (later.get("frames").getAsLong() - first.get("frames").getAsLong()) / 3;
    System.out.println("320x240@15 by option: bob received " + perSecond + " frames/s");
    assertTrue(perSecond >= 8 && perSecond <= 20, "about 15 fps, got " + perSecond);

    alice.command("video 12x@x");
    alice.command("video 640x360@30");
    bob.await("remote-video", e -> e.get("width").getAsInt() == 640 && e.get("height").getAsInt() == 360, CONNECT);
    assertTrue(alice.stderr().contains("video: Not a video quality: '12x@x'; expected WIDTHxHEIGHT@FPS"),
        "bad command reported on stderr");
    alice.await("remote-video", CONNECT); // and the peer is still running
  }

  @Test
  void aBadVideoOptionExitsWithCodeTwoNamingTheExpectedFormat() throws Exception {
    HeadlessProcess bad = new HeadlessProcess("badvideo", List.of("--server", server.uri().toString(), "--name", "x",
        "--video", "12x@x"));
    procs.add(bad);
    assertEquals(2, bad.waitForExit(Duration.ofSeconds(20)));
    assertTrue(bad.stderr().contains("--video: Not a video quality: '12x@x'; expected WIDTHxHEIGHT@FPS"), bad.stderr());
  }

  @Test
  void badStdinCommandsGetTypedErrorsAndThePeerKeepsListening() throws Exception {
    HeadlessProcess bob = start("bob");
    bob.command("hangup");
    assertEquals("bad-command", bob.await("error", CONNECT).get("code").getAsString());
    bob.command("dance now");
    JsonObject unknown = bob.await("error", CONNECT);
    assertEquals("unknown-command", unknown.get("code").getAsString());
    assertTrue(unknown.get("message").getAsString().contains("'dance'"), unknown.toString());
    bob.command("quit");
    assertEquals(0, bob.waitForExit(Duration.ofSeconds(20)));
  }

  @Test
  void rouletteProcessesGetMatchedAndConnect() {
    HeadlessProcess p1 = start("r1", "--roulette");
    HeadlessProcess p2 = start("r2", "--roulette");
    JsonObject m1 = p1.await("match", CONNECT);
    JsonObject m2 = p2.await("match", CONNECT);
    assertEquals("r2", m1.get("peer").getAsString());
    assertTrue(m1.get("initiator").getAsBoolean() != m2.get("initiator").getAsBoolean());
    p1.await("call-connected", CONNECT);
    p2.await("remote-video", CONNECT);
  }

  @Test
  void receivedFramesAreReleasedSoMemoryStaysFlat() {
    HeadlessProcess bob = start("bob");
    start("alice", "--call", "bob");
    long base = bob.await("remote-video", e -> e.get("frames").getAsLong() >= 60, CONNECT).get("frames").getAsLong();
    long rss0 = bob.rssKiB();
    bob.await("remote-video", e -> e.get("frames").getAsLong() >= base + 300, Duration.ofSeconds(60));
    long grownMiB = (bob.rssKiB() - rss0) / 1024;
    // An unreleased 640x480 frame keeps about 0.46 MB: 300 of them would be some 140 MB.
    assertTrue(grownMiB < 50, "RSS grew by " + grownMiB + " MiB over 300 received frames");
  }
}
