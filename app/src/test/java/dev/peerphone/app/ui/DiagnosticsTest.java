package dev.peerphone.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallStats;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diagnostics report, the overlay's words and the readings kept, without a window. */
class DiagnosticsTest {
  private static final CallStats READING = new CallStats("host", "host", "udp", "", 0.4, 491.1, 496.4, 30.05, 29.05,
      0, "VP8 + opus", "VP8 + opus", "640x480", "320x240", 1.2, 0.015);

  @Test
  void theOverlaySaysThePathAndEachWaysCodecSizeRateAndLoss() {
    assertEquals(List.of("direct  ·  host \u2194 host  ·  udp  ·  RTT <1 ms",
        "In   VP8 + opus  ·  640x480  ·  30 fps  ·  491 kbps  ·  loss 0.0%  ·  jitter 1 ms",
        "Out  VP8 + opus  ·  320x240  ·  29 fps  ·  496 kbps  ·  loss 1.5%"), StatsText.lines(READING));
  }

  @Test
  void aRelayedReadingWithoutMediaDetailsLeavesTheUnknownsOut() {
    CallStats s = new CallStats("relay", "srflx", "udp", "tcp", Double.NaN, 12, 0, 0, 0, 0.25);
    assertEquals(List.of("relayed (TURN)  ·  relay \u2194 srflx  ·  udp (to TURN: tcp)",
        "In   0 fps  ·  12 kbps  ·  loss 25.0%", "Out  0 fps  ·  0 kbps"), StatsText.lines(s));
  }

  @Test
  void theServerIsShownWithoutUserInfoQueryOrFragment() {
    assertEquals("wss://example.org:8443/ws", Diagnostics.server("wss://bob:hunter2@example.org:8443/ws?key=s3cret#x"));
    assertEquals("127.0.0.1:8080", Diagnostics.server("127.0.0.1:8080"));
    assertEquals("turn:relay.example.org:3478?transport=tcp", Diagnostics.iceUrl("turn:u:pw@relay.example.org:3478?transport=tcp"));
    assertEquals("stun:stun.example.org", Diagnostics.iceUrl("stun:stun.example.org"));
  }

  @Test
  void theReportHasVersionsSetupIceUrlsAndTheReadingsOfEachCall() {
    String r = Diagnostics.report(LocalDateTime.of(2026, 11, 28, 14, 0), Map.of("Camera", "Test pattern 640x480"),
        List.of("turn:pw@t.example.org"), Map.of("bob", List.of(new StatsBook.Reading(LocalTime.of(14, 0, 1), READING))));
    assertTrue(r.startsWith("Peerphone diagnostics, 2026-11-28 14:00:00\n"), r);
    assertTrue(r.contains("\nJava: " + System.getProperty("java.version")), r);
    assertTrue(r.contains("\nwebrtc-java: 0.14.0\n"), r);
    assertTrue(r.contains("\nCamera: Test pattern 640x480\n"), r);
    assertTrue(r.contains("\n  turn:t.example.org\n") && !r.contains("pw"), r);
    assertTrue(r.contains("\n  with bob\n    14:00:01  direct  ·  host \u2194 host"), r);
  }

  @Test
  void theBookKeepsTheLastTenReadingsOfTheLastEightCallsAndDropsEndedCallsFromTheOverlays() {
    StatsBook book = new StatsBook();
    for (int call = 0; call < 10; call++) {
      for (int second = 0; second < 12; second++) {
        book.add("peer" + call, READING, LocalTime.of(14, call, second));
      }
    }
    Map<String, List<StatsBook.Reading>> recent = book.recent();
    assertEquals(List.of("peer2", "peer3", "peer4", "peer5", "peer6", "peer7", "peer8", "peer9"), List.copyOf(recent.keySet()));
    assertEquals(LocalTime.of(14, 9, 2), recent.get("peer9").get(0).at());
    assertEquals(10, recent.get("peer9").size());
    book.ended("peer9");
    assertFalse(book.latest().containsKey("peer9"));
    assertTrue(book.recent().containsKey("peer9"), "an ended call's readings stay for the report");
  }
}
