package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cluster behind a load balancer (issue 11, slice 6 of docs/CLUSTER.md): Debian's HAProxy run
 * from {@code deploy/haproxy.cfg}, two nodes in their own processes behind it, health-checked on
 * {@code /healthz}; users know only HAProxy's address. One node is killed with SIGKILL: its
 * users reconnect through HAProxy, land on the survivor and resume their names within 2 s.
 */
class HaproxyTest {
  private RedisProcess redis;
  private NodeProcess a;
  private NodeProcess b;
  private HaproxyProcess haproxy;
  private final List<TestClient> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.start();
    a = NodeProcess.start(redis.uri(), true);
    b = NodeProcess.start(redis.uri(), true);
    haproxy = HaproxyProcess.start(List.of(a.http, b.http));
    haproxy.awaitServer("node1", "UP");
    haproxy.awaitServer("node2", "UP");
  }

  @AfterEach
  void stop() {
    clients.forEach(TestClient::close);
    // Null-safe: when a start in @BeforeEach failed, what did start is still stopped (a node that
    // could not start once left its throwaway redis-server running).
    for (AutoCloseable c : new AutoCloseable[] {haproxy, a, b, redis}) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // closing the rest matters more
        }
      }
    }
  }

  @Test
  void usersThroughHaproxyLandOnBothNodesCallEachOtherAndResumeOnTheSurvivorWhenANodeIsKilled() throws Exception {
    URI front = haproxy.webSocketUri();
    Map<TestClient, NodeProcess> placed = new LinkedHashMap<>();
    double onA = users(a);
    for (int i = 0; i < 4; i++) {
      TestClient c = track(TestClient.login(front, "user" + i));
      double now = users(a);
      placed.put(c, now > onA ? a : b);
      onA = now;
    }
    assertEquals(4, users(a) + users(b), "every login reached a node");
    TestClient alice = first(placed, a);
    TestClient bob = first(placed, b);
    assertNotNull(alice, "nobody landed on node1: " + placed.values());
    assertNotNull(bob, "nobody landed on node2: " + placed.values());
    alice.send("{\"type\":\"call\",\"name\":\"" + bob.name + "\"}");
    assertEquals(alice.name, bob.nextSkippingUsers("call").get("name").getAsString());
    bob.send("{\"type\":\"accept\",\"name\":\"" + alice.name + "\"}");
    alice.nextSkippingUsers("accept");
    alice.send("{\"type\":\"offer\",\"name\":\"" + bob.name + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
    bob.nextSkippingUsers("offer");
    bob.send("{\"type\":\"answer\",\"name\":\"" + alice.name + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"y\"}}");
    alice.nextSkippingUsers("answer");

    a.kill();
    long killed = System.nanoTime();
    List<TestClient> resumed = new ArrayList<>();
    for (Map.Entry<TestClient, NodeProcess> e : placed.entrySet()) {
      if (e.getValue() != a) {
        continue;
      }
      TestClient old = e.getKey();
      old.awaitClose(); // HAProxy closes the client's side once the node's side is gone
      TestClient again = track(TestClient.connect(front));
      again.send("{\"type\":\"login\",\"name\":\"" + old.name + "\",\"features\":[\"ring\"],\"token\":\""
          + old.token + "\"}");
      JsonObject login = again.next("login");
      assertTrue(login.get("success").getAsBoolean(), old.name + " resumes: " + login);
      again.name = old.name;
      resumed.add(again);
    }
    long backMs = (System.nanoTime() - killed) / 1_000_000;
    assertTrue(backMs < 2_000, "names back " + backMs + " ms after the kill");
    assertEquals(resumed.size(), metric(b, "peerphone_resumed_logins_total"), "all resumed on the survivor");

    TestClient alice2 = resumed.get(0);
    alice2.send("{\"type\":\"chat\",\"name\":\"" + bob.name + "\",\"text\":\"still here\"}");
    assertEquals(alice.name, bob.nextSkippingUsers("chat").get("name").getAsString());
    bob.send("{\"type\":\"candidate\",\"name\":\"" + alice.name + "\",\"candidate\":null}");
    assertEquals(bob.name, alice2.nextSkippingUsers("candidate").get("name").getAsString());
    haproxy.awaitServer("node1", "DOWN"); // the health check took the dead node out
    bob.expectNothingBut_users(500); // nobody was told leave for a killed node
  }

  private static TestClient first(Map<TestClient, NodeProcess> placed, NodeProcess node) {
    return placed.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey).findFirst()
        .orElse(null);
  }

  private double users(NodeProcess node) throws Exception {
    return metric(node, "peerphone_users");
  }

  private double metric(NodeProcess node, String series) throws Exception {
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(node.http.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    return ClusterMetricsTest.value(metrics.body(), series);
  }

  private TestClient track(TestClient c) {
    clients.add(c);
    return c;
  }
}
