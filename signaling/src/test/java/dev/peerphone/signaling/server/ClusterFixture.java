package dev.peerphone.signaling.server;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway Redis and two signaling nodes on it ({@code --redis}), in process on free ports,
 * plus the clients a test opened; closes everything after each test. The per-address login and
 * name limits are off: every test client is 127.0.0.1.
 */
final class ClusterFixture implements AutoCloseable, AfterEachCallback {
  final RedisProcess redis;
  final SignalingServer a;
  final SignalingServer b;
  private final List<TestClient> clients = new ArrayList<>();

  private ClusterFixture() throws Exception {
    redis = RedisProcess.start();
    a = node();
    b = node();
  }

  static ClusterFixture started() {
    try {
      return new ClusterFixture();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Redis and two nodes", e);
    }
  }

  private SignalingServer node() throws Exception {
    return SignalingServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPorts(0, -1)
        .withAddressPolicy(0, 0).withRedis(redis.uri()));
  }

  TestClient connect(SignalingServer node) {
    return track(TestClient.connect(node.webSocketUri()));
  }

  TestClient login(SignalingServer node, String name) {
    return track(TestClient.login(node.webSocketUri(), name));
  }

  TestClient loginClassic(SignalingServer node, String name) {
    return track(TestClient.loginClassic(node.webSocketUri(), name));
  }

  TestClient track(TestClient client) {
    synchronized (clients) {
      clients.add(client);
    }
    return client;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    synchronized (clients) {
      for (TestClient c : clients) {
        c.close();
      }
    }
    a.close();
    b.close();
    redis.close();
  }
}
