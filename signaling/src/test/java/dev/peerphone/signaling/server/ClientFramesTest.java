package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

/**
 * Our client-frame decoder against frames built here by the RFC: payloads of every length around
 * the 8-byte unmasking step and the 126/127 length forms, split over reads at every byte, from
 * buffers at odd array offsets; and each rule Java-WebSocket's decoder enforced (masking, RSV,
 * opcodes, control frames, the cap) still enforced.
 */
class ClientFramesTest {
  private static final int CAP = 64 * 1024;
  private final Random random = new Random(42);

  private byte[] frame(int b1, byte[] payload, boolean masked) {
    ByteArrayOutputStream f = new ByteArrayOutputStream();
    f.write(b1);
    int m = masked ? 0x80 : 0;
    if (payload.length < 126) {
      f.write(m | payload.length);
    } else if (payload.length < 65536) {
      f.write(m | 126);
      f.write(payload.length >> 8);
      f.write(payload.length & 0xff);
    } else {
      f.write(m | 127);
      for (int i = 7; i >= 0; i--) {
        f.write((int) ((long) payload.length >> (8 * i)) & 0xff);
      }
    }
    byte[] key = new byte[4];
    random.nextBytes(key);
    if (masked) {
      f.writeBytes(key);
    }
    for (int i = 0; i < payload.length; i++) {
      f.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
    }
    return f.toByteArray();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** {@code wire} given to one decoder in reads of {@code chunk} bytes, each from a buffer at an odd array offset. */
  private static List<Framedata> decodeInReads(byte[] wire, int chunk) throws InvalidDataException {
    ClientFrames decoder = new ClientFrames(CAP);
    List<Framedata> out = new ArrayList<>();
    for (int p = 0; p < wire.length; p += chunk) {
      int n = Math.min(chunk, wire.length - p);
      byte[] backing = new byte[n + 7];
      System.arraycopy(wire, p, backing, 3, n);
      ByteBuffer read = ByteBuffer.wrap(backing, 3, n).slice();
      out.addAll(decoder.decode(read));
      assertEquals(0, read.remaining(), "a read is consumed to its limit");
    }
    return out;
  }

  private static byte[] payload(Framedata f) {
    ByteBuffer b = f.getPayloadData();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  @Test
  void everyLengthAroundTheUnmaskingStepAndTheLengthFormsComesBackExactlyInAnySplit() throws Exception {
    List<byte[]> payloads = new ArrayList<>();
    for (int n = 0; n <= 20; n++) {
      payloads.add(bytes(n));
    }
    for (int n : new int[] {125, 126, 127, 65535, 65536}) {
      payloads.add(bytes(n));
    }
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (byte[] p : payloads) {
      wire.writeBytes(frame(0x82, p, true));
    }
    byte[] all = wire.toByteArray();
    for (int chunk : new int[] {1, 2, 3, 5, 7, 13, 4096, 16384, all.length}) {
      List<Framedata> frames = decodeInReads(all, chunk);
      assertEquals(payloads.size(), frames.size(), "frames in reads of " + chunk);
      for (int i = 0; i < payloads.size(); i++) {
        assertEquals(Opcode.BINARY, frames.get(i).getOpcode());
        assertTrue(frames.get(i).isFin());
        assertArrayEquals(payloads.get(i), payload(frames.get(i)), "payload " + i + " in reads of " + chunk);
      }
    }
  }

  @Test
  void textFragmentsControlFramesAndCloseReasonsKeepTheirMeaning() throws Exception {
    byte[] text = "{\"type\":\"chat\",\"text\":\"héllo ✓\"}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer close = ByteBuffer.allocate(2 + 3).putShort((short) 1000).put("bye".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(frame(0x81, text, true)); // FIN text
    wire.writeBytes(frame(0x01, "par".getBytes(StandardCharsets.UTF_8), true)); // text, not FIN
    wire.writeBytes(frame(0x89, "p".getBytes(StandardCharsets.UTF_8), true)); // ping between fragments
    wire.writeBytes(frame(0x80, "t".getBytes(StandardCharsets.UTF_8), true)); // FIN continuation
    wire.writeBytes(frame(0x88, close.array(), true));
    List<Framedata> f = decodeInReads(wire.toByteArray(), 3);
    assertEquals(List.of(Opcode.TEXT, Opcode.TEXT, Opcode.PING, Opcode.CONTINUOUS, Opcode.CLOSING),
        f.stream().map(Framedata::getOpcode).toList());
    assertEquals(List.of(true, false, true, true, true), f.stream().map(Framedata::isFin).toList());
    assertArrayEquals(text, payload(f.get(0)));
    assertEquals(1000, ((CloseFrame) f.get(4)).getCloseCode());
    assertEquals("bye", ((CloseFrame) f.get(4)).getMessage());
  }

  @Test
  void theRulesOfTheLibrarysDecoderStillHold() {
    byte[] ping = "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
    assertThrows(InvalidFrameException.class, () -> decodeInReads(frame(0x81, ping, false), 64), "unmasked");
    assertThrows(InvalidFrameException.class, () -> decodeInReads(frame(0xc1, ping, true), 64), "RSV1");
    assertThrows(InvalidFrameException.class, () -> decodeInReads(frame(0x83, ping, true), 64), "opcode 3");
    assertThrows(InvalidFrameException.class, () -> decodeInReads(frame(0x89, bytes(126), true), 64), "long ping");
    assertThrows(InvalidFrameException.class, () -> decodeInReads(frame(0x09, ping, true), 64), "ping not FIN");
    assertThrows(InvalidDataException.class, () -> decodeInReads(frame(0x88, new byte[] {3, (byte) 0xe8, (byte) 0xff}, true), 64),
        "close reason not UTF-8");
    // Over the cap: refused as soon as the header is in, before any payload is kept.
    byte[] big = frame(0x81, bytes(CAP + 1), true);
    assertThrows(LimitExceededException.class, () -> decodeInReads(java.util.Arrays.copyOf(big, 14), 14));
  }

  @Test
  void unmaskingEightAtATimeEqualsTheBytewiseDefinition() {
    for (int n = 0; n < 50; n++) {
      byte[] wire = bytes(4 + n + 9);
      for (int key = 0; key < 5; key++) {
        if (key + 4 + n > wire.length) {
          continue;
        }
        byte[] out = new byte[n];
        ClientFrames.unmask(wire, key, out);
        for (int i = 0; i < n; i++) {
          assertEquals((byte) (wire[key + 4 + i] ^ wire[key + (i % 4)]), out[i], "length " + n + " byte " + i);
        }
      }
    }
  }
}
