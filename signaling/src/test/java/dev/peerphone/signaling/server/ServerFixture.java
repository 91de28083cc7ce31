package dev.peerphone.signaling.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server on free ports plus the clients a test opened; closes everything after. Use it
 * in try-with-resources, or as {@code @RegisterExtension final ServerFixture fixture =
 * ServerFixture.started();} for one server per test.
 */
final class ServerFixture implements AutoCloseable, AfterEachCallback {
  final SignalingServer server;
  private final List<TestClient> clients = new ArrayList<>();

  ServerFixture() throws Exception {
    this(ServerConfig.defaults());
  }

  ServerFixture(ServerConfig config) throws Exception {
    server = SignalingServer.start(config.withHost("127.0.0.1").withPorts(0, 0));
  }

  /** A started default server, closed after each test when registered as an extension. */
  static ServerFixture started() {
    try {
      return new ServerFixture();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the signaling server", e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
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

  /** A client that logs in as a classic tutorial page: no {@code features}. */
  TestClient loginClassic(String name) {
    return track(TestClient.loginClassic(uri(), name));
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
