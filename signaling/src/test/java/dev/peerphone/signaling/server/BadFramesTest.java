package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Frames the fuzz campaign (bench/fuzz) found mishandled: each gets a close frame with the right
 * code and a clean end of stream, and nothing is logged as a failure of the server.
 */
class BadFramesTest {
  @RegisterExtension
  final ServerFixture fixture = ServerFixture.started();

  /** One masked frame with this first byte (FIN, opcode) and payload. */
  private static byte[] frame(int firstByte, byte[] payload) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(firstByte);
    f.write(0x80 | payload.length); // control frames and these tests stay under 126 bytes
    byte[] mask = {0x11, 0x22, 0x33, 0x44};
    f.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      f.write(payload[i] ^ mask[i % 4]);
    }
    return f.toByteArray();
  }

  @Test
  void aCloseFrameWithAReasonThatIsNotUtf8GetsClose1007() throws Exception {
    for (int round = 0; round < 3; round++) {
      try (RawWebSocket ws = new RawWebSocket(fixture.uri())) {
        ws.write(frame(0x88, new byte[] {0x03, (byte) 0xe8, 'b', (byte) 0xc3, 'x', (byte) 0xff}));
        RawWebSocket.Transcript t = ws.readUntilClose(); // before the fix: no answer, read timed out
        assertEquals(1007, t.closeCode());
        assertEquals("eof", t.end());
      }
    }
  }

  /** The server decodes client frames itself (ClientFrames); invalid UTF-8 in a text frame, whole or fragmented, is still 1007. */
  @Test
  void aTextFrameThatIsNotUtf8GetsClose1007WholeOrInFragments() throws Exception {
    byte[][][] cases = {
        {frame(0x81, new byte[] {'{', (byte) 0xc3, '}'})},
        {frame(0x01, new byte[] {'{', '"'}), frame(0x80, new byte[] {(byte) 0xff, '}'})},
    };
    for (byte[][] frames : cases) {
      try (RawWebSocket ws = new RawWebSocket(fixture.uri())) {
        for (byte[] f : frames) {
          ws.write(f);
        }
        RawWebSocket.Transcript t = ws.readUntilClose();
        assertEquals(1007, t.closeCode());
        assertEquals("eof", t.end());
      }
    }
  }

  @Test
  void anUnmaskedClientFrameGetsClose1002() throws Exception {
    byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream unmasked = new ByteArrayOutputStream();
    unmasked.write(0x81);
    unmasked.write(ping.length);
    unmasked.writeBytes(ping);
    try (RawWebSocket ws = new RawWebSocket(fixture.uri())) {
      // a masked message first, split across two writes, so the check follows frame boundaries
      byte[] masked = RawWebSocket.textFrame("{\"type\":\"ping\"}");
      ws.write(java.util.Arrays.copyOf(masked, 5));
      ws.write(java.util.Arrays.copyOfRange(masked, 5, masked.length));
      assertEquals("pong", ws.next().get("type").getAsString());
      ws.write(unmasked.toByteArray());
      RawWebSocket.Transcript t = ws.readUntilClose(); // before the fix: a pong, then no close
      assertEquals(0, t.messages().size(), t.messages().toString());
      assertEquals(1002, t.closeCode());
      assertEquals("eof", t.end());
    }
  }

  @Test
  void aPingArrivingAfterTheServerBeganClosingIsDroppedWithoutAFailureInTheLog() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      for (int round = 0; round < 10; round++) {
        try (RawWebSocket ws = new RawWebSocket(fixture.uri())) {
          ByteArrayOutputStream abuse = new ByteArrayOutputStream();
          for (int i = 0; i < 25; i++) { // more bad messages than the strike limit: 1008 ...
            abuse.writeBytes(RawWebSocket.textFrame("{"));
          }
          for (int i = 0; i < 5; i++) { // ... while these pings are still being decoded
            abuse.writeBytes(frame(0x89, new byte[] {(byte) i}));
          }
          ws.write(abuse.toByteArray());
          RawWebSocket.Transcript t = ws.readUntilClose();
          assertEquals(1008, t.closeCode());
          assertEquals("eof", t.end());
        }
      }
    } finally {
      System.setErr(stderr);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    stderr.print(text);
    assertFalse(text.contains("Decoding a frame failed"), text);
  }

  @Test
  void protocolViolationsAreCountedNotWrittenToTheLog() throws Exception {
    byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    byte[] unmasked = new byte[ping.length + 2];
    unmasked[0] = (byte) 0x81;
    unmasked[1] = (byte) ping.length;
    System.arraycopy(ping, 0, unmasked, 2, ping.length);
    byte[][] violations = {
        frame(0x83, new byte[] {1}), // reserved opcode
        frame(0xC1, ping), // RSV1 without an extension
        frame(0x81, new byte[] {'"', (byte) 0xff, '"'}), // text that is not UTF-8
        frame(0x80, ping), // a continuation with nothing to continue
        unmasked};
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      for (byte[] violation : violations) {
        try (RawWebSocket ws = new RawWebSocket(fixture.uri())) {
          ws.write(violation);
          RawWebSocket.Transcript t = ws.readUntilClose();
          assertTrue(t.closeCode() == 1002 || t.closeCode() == 1007, "close code " + t.closeCode());
        }
      }
    } finally {
      System.setErr(stderr);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    stderr.print(text);
    assertFalse(text.contains("org.java_websocket"), "a client must not be able to write to the log:\n" + text);
    ConnectionLimitsTest.awaitMetric(fixture, "peerphone_dropped_connections_total{cause=\"protocol-error\"}",
        n -> n == violations.length);
  }
}
