package dev.peerphone.app.interop;

import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** The real embedded signaling server on free ports, WebSocket and HTTP (which serves the browser client). */
final class WebServer implements AutoCloseable {
  private final SignalingServer server;

  WebServer() {
    try {
      server = SignalingServer.start(ServerConfig.defaults().withPorts(0, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The page's own origin (loopback is fine for HTTP; WebRTC itself uses the non-loopback interface). */
  String origin() {
    return "http://127.0.0.1:" + server.httpPort();
  }

  URI wsUri() {
    return URI.create("ws://127.0.0.1:" + server.port() + "/");
  }

  /** The browser client, told where the WebSocket is (the test server's port is not 9090). */
  String clientUrl() {
    return origin() + "/?ws=" + wsUri();
  }

  @Override
  public void close() {
    server.close();
  }
}
