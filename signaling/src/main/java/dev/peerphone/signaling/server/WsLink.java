package dev.peerphone.signaling.server;

import java.nio.ByteBuffer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.TextFrame;

/** {@link Link} over a Java-WebSocket connection. */
final class WsLink implements Link {
  private final WebSocket connection;

  WsLink(WebSocket connection) {
    this.connection = connection;
  }

  /**
   * Sends a frame built from bytes we encoded ourselves: Java-WebSocket's {@code send(String)}
   * re-validates the UTF-8 it just produced, which costs about a fifth of the server's CPU.
   */
  @Override
  public void send(Encoded text) {
    TextFrame frame = new TextFrame();
    frame.setPayload(ByteBuffer.wrap(text.utf8()));
    try {
      connection.sendFrame(frame);
    } catch (WebsocketNotConnectedException e) {
      // closing: its onClose is on the way and will clean up
    }
  }

  @Override
  public void close(int code, String reason) {
    connection.close(code, reason);
  }

  @Override
  public void drop(String reason) {
    if (connection instanceof WebSocketImpl impl) {
      impl.closeConnection(CloseFrame.ABNORMAL_CLOSE, reason);
    } else {
      connection.close(CloseFrame.GOING_AWAY, reason);
    }
  }

  @Override
  public void ping() {
    try {
      connection.sendPing();
    } catch (WebsocketNotConnectedException e) {
      // closing
    }
  }
}
