package dev.peerphone.signaling.server;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;

/** {@link Link} over a Java-WebSocket connection. */
final class WsLink implements Link {
  private final WebSocket connection;

  WsLink(WebSocket connection) {
    this.connection = connection;
  }

  @Override
  public void send(String text) {
    try {
      connection.send(text);
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
