package dev.peerphone.app.testing;

import dev.peerphone.signaling.server.ServerConfig;
import dev.peerphone.signaling.server.SignalingServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/** The real embedded signaling server on a free port (WebSocket only), for end-to-end tests. */
public final class TestServer implements AutoCloseable {
  private SignalingServer server;
  private final int port;

  public TestServer() {
    this(0);
  }

  /** With {@code config}'s options (TURN, relay-only, ...) on free ports, the HTTP side included. */
  public TestServer(ServerConfig config) {
    try {
      server = SignalingServer.start(config.withHost("127.0.0.1").withPorts(0, 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = server.port();
  }

  /** The HTTP port ({@code /metrics}, the browser client), or -1 when it is off. */
  public int httpPort() {
    return server.httpPort();
  }

  public TestServer(int port) {
    try {
      server = SignalingServer.start(ServerConfig.defaults().withPorts(port, -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = server.port();
  }

  public int port() {
    return port;
  }

  public URI uri() {
    return URI.create("ws://127.0.0.1:" + port + "/");
  }

  /** Stops the server and starts a new one on the same port (clients must reconnect). */
  public void restart() {
    server.close();
    try {
      server = SignalingServer.start(ServerConfig.defaults().withPorts(port, -1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
