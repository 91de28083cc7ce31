package dev.peerphone.signaling.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoublePredicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cluster node's {@code /metrics} (issue 11, slice 6 of docs/CLUSTER.md): relays between nodes
 * by type on both ends, Redis round trips, Redis errors by kind, the cluster's roulette queue on
 * every node; a single node renders none of it.
 */
class ClusterMetricsTest {
  @RegisterExtension
  final ClusterFixture cluster = ClusterFixture.started();

  @Test
  void relaysBetweenNodesAreCountedByTypeOnBothEnds() {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"hi\"}");
    bob.nextSkippingUsers("chat");
    alice.send("{\"type\":\"call\",\"name\":\"bob\"}");
    bob.nextSkippingUsers("call");
    bob.send("{\"type\":\"accept\",\"name\":\"alice\"}");
    alice.nextSkippingUsers("accept");
    awaitValue(cluster.a::metricsText, "peerphone_cross_node_messages_total{direction=\"sent\",type=\"call\"}", v -> v == 1);
    Supplier<String> a = cluster.a::metricsText;
    Supplier<String> b = cluster.b::metricsText;
    assertEquals(1, value(a.get(), "peerphone_cross_node_messages_total{direction=\"sent\",type=\"chat\"}"));
    assertEquals(0, value(a.get(), "peerphone_cross_node_messages_total{direction=\"sent\",type=\"accept\"}"));
    assertEquals(1, value(a.get(), "peerphone_cross_node_messages_total{direction=\"received\",type=\"accept\"}"));
    awaitValue(b, "peerphone_cross_node_messages_total{direction=\"sent\",type=\"accept\"}", v -> v == 1);
    assertEquals(1, value(b.get(), "peerphone_cross_node_messages_total{direction=\"received\",type=\"chat\"}"));
    assertEquals(1, value(b.get(), "peerphone_cross_node_messages_total{direction=\"received\",type=\"call\"}"));
    assertEquals(0, value(b.get(), "peerphone_cross_node_dropped_total{cause=\"stale\"}"));
    assertEquals(1, value(a.get(), "peerphone_relayed_messages_total{type=\"chat\"}"), "a relay is still a relay");
  }

  @Test
  void redisRoundTripsAreMeasuredAndNoErrorsCountedWhileRedisAnswers() {
    cluster.login(cluster.a, "alice");
    Supplier<String> a = cluster.a::metricsText;
    awaitValue(a, "peerphone_redis_lease_renewal_seconds", v -> v >= 0 && v < 2);
    String metrics = a.get();
    double count = value(metrics, "peerphone_redis_round_trip_seconds_count");
    assertTrue(count >= 3, "a claim, a subscription and a renewal at least: " + metrics);
    assertEquals(count, value(metrics, "peerphone_redis_round_trip_seconds_bucket{le=\"+Inf\"}"));
    assertTrue(value(metrics, "peerphone_redis_round_trip_seconds_bucket{le=\"2\"}") <= count, metrics);
    assertTrue(value(metrics, "peerphone_redis_round_trip_seconds_sum") > 0, metrics);
    for (String kind : new String[] {"timeout", "disconnected", "error-reply", "queue-full", "other"}) {
      assertEquals(0, value(metrics, "peerphone_redis_errors_total{kind=\"" + kind + "\"}"), kind);
    }
    assertEquals(1, value(metrics, "peerphone_cluster_ready"));
    assertEquals(0, value(metrics, "peerphone_redis_lease_lapses_total"));
  }

  @Test
  void theRouletteQueueLengthIsTheClustersOnEveryNode() {
    TestClient waiter = cluster.login(cluster.a, "waiter");
    TestClient other = cluster.login(cluster.b, "other");
    waiter.send("{\"type\":\"find\"}");
    awaitValue(cluster.a::metricsText, "peerphone_roulette_queue_length", v -> v == 1);
    awaitValue(cluster.b::metricsText, "peerphone_roulette_queue_length", v -> v == 1);
    other.send("{\"type\":\"find\"}");
    waiter.nextSkippingUsers("match");
    awaitValue(cluster.a::metricsText, "peerphone_roulette_queue_length", v -> v == 0);
    awaitValue(cluster.b::metricsText, "peerphone_roulette_queue_length", v -> v == 0);
  }

  @Test
  void aFrozenRedisCountsTimeoutsAndNotReadyAndTheLateRelayIsCountedStale() throws Exception {
    TestClient alice = cluster.login(cluster.a, "alice");
    TestClient bob = cluster.login(cluster.b, "bob");
    cluster.redis.freeze();
    long frozen = System.nanoTime();
    try {
      alice.send("{\"type\":\"chat\",\"name\":\"bob\",\"text\":\"stale\"}");
      alice.nextError("rate-limited");
      awaitValue(cluster.a::metricsText, "peerphone_redis_errors_total{kind=\"timeout\"}", v -> v >= 1);
      awaitValue(cluster.a::metricsText, "peerphone_cluster_ready", v -> v == 0);
      long waitMs = CrossNode.MAX_AGE_MS + 500 - (System.nanoTime() - frozen) / 1_000_000;
      bob.expectNothingBut_users(Math.max(0, waitMs)); // past the age at which a relay is stale
    } finally {
      cluster.redis.thaw();
    }
    awaitValue(cluster.b::metricsText, "peerphone_cross_node_dropped_total{cause=\"stale\"}", v -> v == 1);
    awaitValue(cluster.a::metricsText, "peerphone_cluster_ready", v -> v == 1);
    assertEquals(0, value(cluster.b.metricsText(),
        "peerphone_cross_node_messages_total{direction=\"received\",type=\"chat\"}"), "dropped, not delivered");
  }

  @Test
  void aSingleNodeRendersNoClusterSeries() throws Exception {
    try (ServerFixture f = ServerFixture.started()) {
      String metrics = f.server.metricsText();
      assertTrue(metrics.contains("# HELP peerphone_roulette_queue_length Users waiting in the roulette queue.\n"),
          metrics);
      for (String prefix : new String[] {"peerphone_cross_node", "peerphone_redis", "peerphone_cluster"}) {
        assertFalse(metrics.contains(prefix), prefix + " in\n" + metrics);
      }
    }
  }

  /** The value of the series named exactly {@code series} (labels included) in Prometheus text. */
  static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    if (!m.find()) {
      fail(series + " not in\n" + metrics);
    }
    return Double.parseDouble(m.group(1));
  }

  /** Waits until {@code series} in what {@code metrics} renders satisfies {@code wanted}. */
  static void awaitValue(Supplier<String> metrics, String series, DoublePredicate wanted) {
    long deadline = System.currentTimeMillis() + TestClient.TIMEOUT_MS;
    String last = metrics.get();
    while (!wanted.test(value(last, series))) {
      if (System.currentTimeMillis() > deadline) {
        fail(series + " never as wanted in\n" + last);
      }
      try {
        Thread.sleep(50); // polling a gauge: there is no event to wait for
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      last = metrics.get();
    }
  }
}
