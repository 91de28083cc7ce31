package dev.peerphone.app.testing;

import dev.peerphone.signaling.server.HaproxyProcess;
import dev.peerphone.signaling.server.NodeProcess;
import dev.peerphone.signaling.server.RedisProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A cluster as users meet it (issue 11, docs/CLUSTER.md): a throwaway {@code redis-server}, two
 * signaling nodes in processes of their own ({@code ServerMain --redis}, so one can be killed with
 * SIGKILL) and a throwaway HAProxy from {@code deploy/haproxy.cfg} in front, health-checking them
 * on {@code /healthz}; all on free loopback ports, built from the signaling module's test helpers.
 * Started when the constructor returns (both nodes UP in HAProxy); {@link #close} stops all.
 */
public final class ClusterRig implements AutoCloseable {
  public final RedisProcess redis;
  public final NodeProcess node1;
  public final NodeProcess node2;
  public final HaproxyProcess haproxy;
  private final HttpClient http = HttpClient.newHttpClient();

  public ClusterRig() throws Exception {
    redis = RedisProcess.start();
    NodeProcess a = null;
    NodeProcess b = null;
    HaproxyProcess h = null;
    try {
      a = NodeProcess.start(redis.uri(), true);
      b = NodeProcess.start(redis.uri(), true);
      h = HaproxyProcess.start(List.of(a.http, b.http));
      h.awaitServer("node1", "UP");
      h.awaitServer("node2", "UP");
    } catch (Exception | AssertionError e) {
      if (h != null) {
        h.close();
      }
      if (b != null) {
        b.close();
      }
      if (a != null) {
        a.close();
      }
      redis.close();
      throw e;
    }
    node1 = a;
    node2 = b;
    haproxy = h;
  }

  /** HAProxy's signaling address: the only one users know. */
  public URI front() {
    return haproxy.webSocketUri();
  }

  /** The other node. */
  public NodeProcess other(NodeProcess node) {
    return node == node1 ? node2 : node1;
  }

  /** HAProxy's name for {@code node} in its stats ({@code node1}, {@code node2}). */
  public String nameOf(NodeProcess node) {
    return node == node1 ? "node1" : "node2";
  }

  /** Users logged in on {@code node} now ({@code peerphone_users} of its {@code /metrics}). */
  public int users(NodeProcess node) throws IOException, InterruptedException {
    return (int) metric(node, "peerphone_users");
  }

  /** The value of an unlabelled series in {@code node}'s {@code /metrics}. */
  public double metric(NodeProcess node, String series) throws IOException, InterruptedException {
    String body = http.send(HttpRequest.newBuilder(node.http.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    for (String line : body.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    throw new AssertionError("no " + series + " in the metrics of " + node.http);
  }

  @Override
  public void close() {
    haproxy.close();
    node1.close();
    node2.close();
    redis.close();
  }
}
