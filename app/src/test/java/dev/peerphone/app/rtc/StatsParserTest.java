package dev.peerphone.app.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerphone.app.call.CallStats;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link StatsParser} on two consecutive reports captured from a real Java↔Java call (bob's
 * side, 0.998 s apart), and on edited copies of them for what that call did not show.
 */
class StatsParserTest {
  private final StatsFixture first = StatsFixture.load("host-call-1.json");
  private final StatsFixture second = StatsFixture.load("host-call-2.json");
  private final StatsParser parser = new StatsParser();

  private CallStats parseBoth() {
    assertNull(parser.next(first.report(), first.timestamp), "one report has no interval yet");
    return parser.next(second.report(), second.timestamp);
  }

  @Test
  void capturedCallGivesItsHostPairRoundTripAndRates() {
    CallStats s = parseBoth();
    assertEquals("host", s.local());
    assertEquals("host", s.remote());
    assertEquals("udp", s.protocol());
    assertEquals("", s.relayProtocol());
    assertEquals(1.0, s.rttMs(), 1e-9); // currentRoundTripTime 0.001 s
    // Deltas of bytesReceived/bytesSent (audio + video) over 0.998199 s.
    assertEquals(491.13, s.kbpsIn(), 0.01);
    assertEquals(496.37, s.kbpsOut(), 0.01);
    assertEquals(30.05, s.fpsIn(), 0.01); // framesDecoded 27 -> 57
    assertEquals(29.05, s.fpsOut(), 0.01); // framesEncoded 22 -> 51
    assertEquals(0, s.loss());
    assertTrue(!s.relayed());
  }

  @Test
  void inboundLossIsLostOverExpectedPacketsInTheInterval() {
    String video = second.find("INBOUND_RTP", "kind", "video");
    long received = (Long) second.attributes.get(video).get("packetsReceived");
    second.set(video, "packetsLost", 29).set(video, "packetsReceived", received - 29);
    // 116 packets expected in the interval (audio 48 + video 68), 29 of them lost.
    assertEquals(29 / 116.0, parseBoth().loss(), 1e-9);
  }

  @Test
  void withoutASelectedPairThereIsNoReading() {
    String transport = second.find("TRANSPORT", "dtlsState", "connected");
    second.remove(transport, "selectedCandidatePairId");
    second.attributes.values().forEach(a -> a.remove("nominated"));
    assertNull(parseBoth());
  }

  @Test
  void aNominatedSucceededPairIsUsedWhenTheTransportNamesNone() {
    String transport = second.find("TRANSPORT", "dtlsState", "connected");
    second.remove(transport, "selectedCandidatePairId");
    CallStats s = parseBoth();
    assertNotNull(s);
    assertEquals("host", s.local());
  }

  @Test
  void aRelayCandidateReportsHowTheTurnServerIsReached() {
    String pair = (String) second.attributes.get(second.find("TRANSPORT", "dtlsState", "connected"))
        .get("selectedCandidatePairId");
    String local = (String) second.attributes.get(pair).get("localCandidateId");
    second.set(local, "candidateType", "relay").set(local, "relayProtocol", "tcp");
    CallStats s = parseBoth();
    assertEquals("relay", s.local());
    assertEquals("tcp", s.relayProtocol());
    assertTrue(s.relayed());
  }

  @Test
  void countersThatGoBackwardsCountAsNoGrowthNeverNegative() {
    String video = second.find("INBOUND_RTP", "kind", "video");
    second.set(video, "bytesReceived", BigInteger.valueOf(1000)).set(video, "framesDecoded", 3L);
    CallStats s = parseBoth();
    assertEquals(0, s.fpsIn());
    assertEquals((3216 - 1536) * 8 / 1000.0 / 0.998199, s.kbpsIn(), 0.01, "the audio stream only");
  }

  @Test
  void aStreamNewInTheSecondReportCountsFromZero() {
    String video = first.find("INBOUND_RTP", "kind", "video");
    first.types.remove(video);
    first.attributes.remove(video);
    assertEquals(57 / 0.998199, parseBoth().fpsIn(), 0.01); // all 57 frames decoded so far
  }

  @Test
  void missingOrOddlyTypedAttributesCountAsAbsent() {
    String pair = (String) second.attributes.get(second.find("TRANSPORT", "dtlsState", "connected"))
        .get("selectedCandidatePairId");
    second.set(pair, "currentRoundTripTime", "fast").remove(pair, "localCandidateId");
    for (String kind : new String[] {"audio", "video"}) {
      second.set(second.find("INBOUND_RTP", "kind", kind), "bytesReceived", null);
    }
    CallStats s = parseBoth();
    assertTrue(Double.isNaN(s.rttMs()));
    assertEquals("", s.local());
    assertEquals("host", s.remote());
    assertEquals("udp", s.protocol()); // from the remote candidate
    assertEquals(0, s.kbpsIn());
  }

  @Test
  void aReportNotNewerThanThePreviousGivesNothing() {
    parser.next(first.report(), first.timestamp);
    assertNull(parser.next(second.report(), first.timestamp));
  }

  @Test
  void capturedCallGivesCodecsVideoSizesJitterAndTheLossThePeerReports() {
    CallStats s = parseBoth();
    assertEquals("VP8 + opus", s.codecIn());
    assertEquals("VP8 + opus", s.codecOut());
    assertEquals("640x480", s.videoIn());
    assertEquals("640x480", s.videoOut());
    assertEquals(1.0, s.jitterMs(), 1e-9); // jitter 0.001 s on both inbound streams
    assertEquals(0.0, s.lossOut(), 1e-9); // the video receiver report: fractionLost 0
  }

  @Test
  void theLargestInboundJitterAndReportedLossAreTaken() {
    second.set(second.find("INBOUND_RTP", "kind", "video"), "jitter", 0.0125);
    second.set(second.find("REMOTE_INBOUND_RTP", "kind", "video"), "fractionLost", 0.25);
    CallStats s = parseBoth();
    assertEquals(12.5, s.jitterMs(), 1e-9);
    assertEquals(0.25, s.lossOut(), 1e-9);
  }

  @Test
  void aScaledDownSendShowsTheEncodedSizeAndAnotherCodecItsName() {
    String out = second.find("OUTBOUND_RTP", "kind", "video");
    second.set(out, "frameWidth", 320L).set(out, "frameHeight", 240L);
    second.set("COT01_96", "mimeType", "video/H264");
    CallStats s = parseBoth();
    assertEquals("320x240", s.videoOut());
    assertEquals("H264 + opus", s.codecOut());
    assertEquals("VP8 + opus", s.codecIn());
  }

  @Test
  void withoutVideoOrReportsTheMediaFieldsAreEmptyOrUnknown() {
    for (String kind : new String[] {"audio", "video"}) {
      String in = second.find("INBOUND_RTP", "kind", kind);
      second.remove(in, "jitter").remove(in, "codecId");
    }
    String out = second.find("OUTBOUND_RTP", "kind", "video");
    second.remove(out, "frameWidth").set(out, "codecId", "no-such-codec");
    second.set(second.find("REMOTE_INBOUND_RTP", "kind", "video"), "fractionLost", "none");
    CallStats s = parseBoth();
    assertEquals("", s.codecIn());
    assertEquals("opus", s.codecOut());
    assertEquals("", s.videoOut());
    assertEquals("640x480", s.videoIn());
    assertTrue(Double.isNaN(s.jitterMs()));
    assertTrue(Double.isNaN(s.lossOut()));
  }
}
