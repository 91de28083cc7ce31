package dev.peerphone.signaling.server;

import java.nio.ByteBuffer;
import org.java_websocket.exceptions.InvalidFrameException;

/**
 * RFC 6455 §5.1: a server must close the connection on a client frame that is not masked.
 * Java-WebSocket 1.6.0 reads unmasked client frames as if they were fine, so this follows the
 * frame boundaries of one connection's incoming bytes (each byte is seen once, however the reads
 * split the frames) and rejects the first header without the mask bit; Java-WebSocket then
 * closes with 1002. Found by the fuzz campaign (bench/fuzz). Used by its connection's selector
 * thread only.
 */
final class MaskCheck {
  private final byte[] head = new byte[14];
  private int headLength;
  /** Payload bytes of the current frame still to come. */
  private long payloadLeft;

  /** Looks at the bytes from the buffer's position to its limit without consuming them. */
  void check(ByteBuffer bytes) throws InvalidFrameException {
    int p = bytes.position();
    int end = bytes.limit();
    while (p < end) {
      if (payloadLeft > 0) {
        int n = (int) Math.min(payloadLeft, end - p);
        p += n;
        payloadLeft -= n;
        continue;
      }
      head[headLength++] = bytes.get(p++);
      if (headLength < 2) {
        continue;
      }
      if ((head[1] & 0x80) == 0) {
        throw new InvalidFrameException("Client frames must be masked");
      }
      int code = head[1] & 0x7f;
      int needed = 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + 4;
      if (headLength < needed) {
        continue;
      }
      long length = code < 126 ? code : code == 126 ? ((head[2] & 0xff) << 8 | head[3] & 0xff)
          : ByteBuffer.wrap(head, 2, 8).getLong();
      payloadLeft = length < 0 ? Long.MAX_VALUE : length; // over the cap anyway: the draft refuses it
      headLength = 0;
    }
  }
}
