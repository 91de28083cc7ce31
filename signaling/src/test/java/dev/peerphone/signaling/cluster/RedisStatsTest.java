package dev.peerphone.signaling.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a cluster node counts its Redis round trips and failures for {@code /metrics}. */
class RedisStatsTest {
  @Test
  void failuresAreSortedByKind() {
    assertEquals(RedisStats.Failure.TIMEOUT, RedisStats.kind(new RedisCommandTimeoutException("Command timed out")));
    assertEquals(RedisStats.Failure.TIMEOUT,
        RedisStats.kind(new CompletionException(new RedisCommandTimeoutException("Command timed out"))));
    assertEquals(RedisStats.Failure.DISCONNECTED,
        RedisStats.kind(new RedisException("Currently not connected. Commands are rejected.")));
    assertEquals(RedisStats.Failure.DISCONNECTED, RedisStats.kind(new RedisException("Connection closed")));
    assertEquals(RedisStats.Failure.DISCONNECTED, RedisStats.kind(new RedisConnectionException("refused")));
    assertEquals(RedisStats.Failure.ERROR_REPLY,
        RedisStats.kind(new RedisCommandExecutionException("ERR Error running script")));
    assertEquals(RedisStats.Failure.QUEUE_FULL,
        RedisStats.kind(new RedisException("Request queue size exceeded: 100000. Commands are not accepted")));
    assertEquals(RedisStats.Failure.OTHER, RedisStats.kind(new IllegalStateException("surprise")));
  }

  @Test
  void answeredRoundTripsFillCumulativeBucketsAndFailuresOnlyTheirKind() {
    RedisStats stats = new RedisStats();
    stats.completed(100_000, null); // 0.1 ms
    stats.completed(1_500_000, null); // 1.5 ms
    stats.completed(3_000_000_000L, null); // past every bound
    stats.completed(700_000, new RedisCommandExecutionException("ERR")); // answered, with an error
    stats.completed(2_000_000_000L, new RedisCommandTimeoutException("timed out")); // no answer
    StringBuilder out = new StringBuilder();
    stats.render(out, true);
    String text = out.toString();
    assertTrue(text.contains("peerphone_redis_round_trip_seconds_bucket{le=\"0.00025\"} 1\n"), text);
    assertTrue(text.contains("peerphone_redis_round_trip_seconds_bucket{le=\"0.001\"} 2\n"), text);
    assertTrue(text.contains("peerphone_redis_round_trip_seconds_bucket{le=\"0.002\"} 3\n"), text);
    assertTrue(text.contains("peerphone_redis_round_trip_seconds_bucket{le=\"2\"} 3\n"), text);
    assertTrue(text.contains("peerphone_redis_round_trip_seconds_bucket{le=\"+Inf\"} 4\n"), text);
    assertTrue(text.contains("peerphone_redis_round_trip_seconds_count 4\n"), text);
    assertTrue(text.contains("peerphone_redis_errors_total{kind=\"timeout\"} 1\n"), text);
    assertTrue(text.contains("peerphone_redis_errors_total{kind=\"error-reply\"} 1\n"), text);
    assertTrue(text.contains("peerphone_redis_errors_total{kind=\"disconnected\"} 0\n"), text);
    assertTrue(text.contains("peerphone_redis_lease_renewal_seconds -1\n"), text);
    assertTrue(text.contains("peerphone_cluster_ready 1\n"), text);
  }
}
