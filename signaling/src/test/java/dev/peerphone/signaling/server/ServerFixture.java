package dev.peerphone.signaling.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A real server on free ports plus the clients a test opened; closes everything after. */
final class ServerFixture implements AutoCloseable {
  final SignalingServer server;
  private final List<TestClient> clients = new ArrayList<>();

  ServerFixture() throws Exception {
    this(ServerConfig.defaults());
  }

  ServerFixture(ServerConfig config) throws Exception {
    server = SignalingServer.start(config.withHost("127.0.0.1").withPorts(0, 0));
  }

  URI uri() {
    return server.webSocketUri();
  }

  TestClient connect() {
    return track(TestClient.connect(uri()));
  }

  TestClient login(String name) {
    return track(TestClient.login(uri(), name));
  }

  TestClient track(TestClient client) {
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  @Override
  public void close() {
    synchronized (clients) {
      for (TestClient c : clients) {
        c.close();
      }
    }
    server.close();
  }
}
