package dev.peerphone.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.peerphone.app.testing.HeadlessProcess;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The headless {@code call-stats} event, from two {@code ./peerphone headless} processes in a call. */
class HeadlessStatsTest extends HeadlessProcesses {
  private static final Set<String> FIELDS = Set.of("event", "peer", "local", "remote", "protocol", "rttMs",
      "kbpsIn", "kbpsOut", "fpsIn", "fpsOut", "loss", "codecIn", "codecOut", "videoIn", "videoOut", "jitterMs",
      "lossOut");

  @Test
  void callStatsLinesNameTheHostPairAndFollowThePeersVideoPause() {
    HeadlessProcess bob = start("bob");
    HeadlessProcess alice = start("alice", "--call", "bob");

    JsonObject s = bob.await("call-stats", e -> e.get("fpsIn").getAsDouble() > 5, CONNECT);
    System.out.println("bob: " + s);
    assertEquals(FIELDS, s.keySet(), "exactly the documented fields, no addresses: " + s);
    assertEquals("alice", s.get("peer").getAsString());
    assertEquals("host", s.get("local").getAsString());
    assertEquals("host", s.get("remote").getAsString());
    assertEquals("udp", s.get("protocol").getAsString());
    double rtt = s.get("rttMs").getAsDouble();
    assertTrue(rtt >= 0 && rtt < 200, s.toString());
    assertTrue(s.get("kbpsIn").getAsDouble() > 50, s.toString());
    assertTrue(s.get("kbpsOut").getAsDouble() > 50, s.toString());
    assertTrue(s.get("fpsOut").getAsDouble() > 5, s.toString());
    double loss = s.get("loss").getAsDouble();
    assertTrue(loss >= 0 && loss <= 1, s.toString());
    assertTrue(s.get("codecIn").getAsString().matches("(VP8|VP9|H264|AV1) \\+ opus"), s.toString());
    assertTrue(s.get("videoIn").getAsString().matches("\\d+x\\d+"), s.toString());
    assertTrue(s.get("videoOut").getAsString().matches("\\d+x\\d+"), s.toString());
    alice.await("call-stats", e -> e.get("peer").getAsString().equals("bob"), CONNECT);

    alice.command("pause video");
    bob.await("call-stats", e -> e.get("fpsIn").getAsDouble() == 0, Duration.ofSeconds(8));
    alice.command("resume video");
    bob.await("call-stats", e -> e.get("fpsIn").getAsDouble() > 5, Duration.ofSeconds(15));
  }
}
