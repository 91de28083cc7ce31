package dev.peerphone.signaling.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.protocols.Protocol;

/**
 * RFC 6455 with a frame-size cap that answers like the rest of the protocol: an oversized frame
 * gets a {@code too-large} error and then close 1009. Java-WebSocket closes with 1009 by itself
 * but silently, and the draft cannot see its connection, so the overflow is turned into a marker
 * frame that {@link #processFrame} (which does see the connection) answers.
 */
final class CappedDraft extends Draft_6455 {
  private static final String TOO_LARGE_MARKER = "\u0000peerphone-too-large";
  private final int maxFrameBytes;
  private final Consumer<WebSocket> onTooLarge;
  private boolean overflowed;

  /** {@code onTooLarge} runs on the network thread; it must send the error and close with 1009. */
  CappedDraft(int maxFrameBytes, Consumer<WebSocket> onTooLarge) {
    super(Collections.emptyList(), List.of(new Protocol("")), maxFrameBytes);
    this.maxFrameBytes = maxFrameBytes;
    this.onTooLarge = onTooLarge;
  }

  @Override
  public Draft copyInstance() {
    return new CappedDraft(maxFrameBytes, onTooLarge);
  }

  @Override
  public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
    if (overflowed) {
      return List.of(); // the rest of an oversized frame: the connection is closing anyway
    }
    try {
      return super.translateFrame(buffer);
    } catch (LimitExceededException e) {
      overflowed = true;
      TextFrame marker = new TextFrame();
      marker.setPayload(ByteBuffer.wrap(TOO_LARGE_MARKER.getBytes(StandardCharsets.UTF_8)));
      return List.of(marker);
    }
  }

  @Override
  public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
    if (overflowed && frame instanceof TextFrame) {
      onTooLarge.accept(connection);
      return;
    }
    super.processFrame(connection, frame);
  }
}
